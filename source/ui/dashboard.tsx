/**
 * The dashboard screen: wires the UI state, the inventory, the engine snapshot and the dispatcher,
 * and lays out header, main pane (list, detail, help, form, confirm or wizard), status line and
 * footer within the terminal's size (60x20 and up; smaller terminals get one "too small" screen).
 */
import React, {useCallback, useEffect, useMemo, useReducer, useRef, useState} from 'react';
import {Box, useStdin} from 'ink';
import {integrationId, type Integration, type Inventory} from '../core/model.js';
import {updateIntegration} from '../core/inventory-ops.js';
import {withRegisteredClient, type AdminClient, type RegisterPlan} from '../core/admin/index.js';
import type {OnboardingProgress} from '../core/onboarding/progress.js';
import {columnsForWidth, contentWidths, countSeverities} from '../core/rows.js';
import type {IntegrationReport} from '../core/report.js';
import type {DashboardDeps, SavedOnboarding} from './deps.js';
import {initialState, reducer} from './state/dashboard-state.js';
import {useEngineSnapshot} from './hooks/use-engine-snapshot.js';
import {useTerminalSize} from './hooks/use-terminal-size.js';
import {useNow} from './hooks/use-now.js';
import {useDashboardModel} from './hooks/use-dashboard-model.js';
import {inputMode, useCommands} from './hooks/use-commands.js';
import {useAutoRefresh} from './hooks/use-auto-refresh.js';
import {footerHints} from './keymap.js';
import {displayKey} from './key-name.js';
import {Header, headerLines, type HeaderProps} from './components/header.js';
import {useTheme} from './theme.js';
import {RowList} from './components/row-list.js';
import {DetailPane, type DetailLayout} from './components/detail-pane.js';
import {Footer} from './components/footer.js';
import {StatusBar, statusLines} from './components/status-bar.js';
import {HelpOverlay, type HelpLayout} from './components/help-overlay.js';
import {ConfirmDialog} from './components/confirm-dialog.js';
import {FormView} from './components/form-view.js';
import {FilterBar} from './components/filter-bar.js';
import {WizardHost} from './components/wizard-host.js';
import {TooSmall, fitsMinimum} from './components/too-small.js';
import {useRepaint} from './layout/use-repaint.js';
import {AdminView, type AdminLayout} from './admin/admin-view.js';
import {useAdminAudit} from './admin/use-admin-audit.js';

const defaultRefreshSeconds = 60;

export function Dashboard(props: DashboardDeps) {
	const {store, engine, stateStore} = props;
	const env = props.env ?? process.env;
	const refreshSeconds = props.refreshSeconds ?? defaultRefreshSeconds;
	const clock = useMemo(() => props.now ?? Date.now, [props.now]);
	const [inventory, setInventoryState] = useState<Inventory>(() => store.load());
	const [saved] = useState<ReadonlyMap<string, IntegrationReport>>(() => stateStore?.latest() ?? new Map());
	const [state, dispatch] = useReducer(reducer, {autoRefresh: props.autoRefresh}, initialState);
	const snapshot = useEngineSnapshot(engine);
	const size = useTerminalSize();
	const theme = useTheme();
	const repaint = useRepaint(size);
	const now = useNow(clock);
	const model = useDashboardModel({
		inventory,
		snapshot,
		saved,
		history: stateStore,
		state,
		now,
		adminAvailable: props.adminServices !== undefined,
	});
	const {isRawModeSupported} = useStdin();
	const {onInventoryChange} = props;
	// Onboarding progress per integration, so reopening the wizard resumes it.
	const [progress, setProgress] = useState<ReadonlyMap<string, OnboardingProgress>>(() => new Map());

	const setInventory = useCallback(
		(next: Inventory) => {
			setInventoryState(next);
			onInventoryChange?.(next);
		},
		[onInventoryChange],
	);

	const saveIntegration = (id: string, patch: Partial<Integration>): void => {
		try {
			setInventory(store.update(current => updateIntegration(current, id, patch)));
			dispatch({type: 'status', status: {text: `Saved ${id}`, tone: 'success'}});
			// A new token or new credentials: check the row again, so the list shows what they do.
			engine.check({ids: [id]}).catch(() => undefined);
		} catch (error) {
			dispatch({type: 'status', status: {text: `Not saved: ${error instanceof Error ? error.message : String(error)}`, tone: 'error'}});
		}
	};

	// Steps 4-8 done with an admin login: the client's key and secret stored (0600 config), the row checked again.
	// Throws when the config cannot be written: the wizard then says the client exists but is not saved.
	const storeRegistration = (instanceName: string, plan: RegisterPlan, client: AdminClient): readonly string[] => {
		let warnings: readonly string[] = [];
		setInventory(
			store.update(current => {
				const stored = withRegisteredClient(current, instanceName, plan, client);
				warnings = stored.warnings;
				return stored.inventory;
			}),
		);
		engine.check({ids: [plan.id]}).catch(() => undefined);
		return warnings;
	};

	// Kept for the session and, when the state store can, in state.json so it survives a restart.
	const saveProgress = (id: string, next: OnboardingProgress): void => {
		setProgress(current => new Map(current).set(id, next));
		try {
			stateStore?.setOnboarding?.(id, stamped(next, clock()));
		} catch (error) {
			dispatch({
				type: 'status',
				status: {text: `Onboarding progress not saved: ${error instanceof Error ? error.message : String(error)}`, tone: 'error'},
			});
		}
	};

	// One column short of the terminal: nothing is ever written in the last column, where some
	// terminals wrap at once (and the frame would be pushed down a row).
	const width = Math.max(40, size.columns - 1);
	const fits = fitsMinimum(size);
	const insecureInstances = inventory.instances.filter(instance => instance.insecureTls).map(instance => instance.name);
	const headerProps: HeaderProps = {
		counts: countSeverities(model.rows),
		total: model.rows.length,
		shown: model.items.filter(item => item.kind === 'row').length,
		progress: snapshot.progress,
		running: model.running,
		autoRefresh: state.autoRefresh,
		refreshSeconds,
		filter: state.filter,
		markedCount: state.marks.size,
		insecureInstances,
	};
	// The header wraps (a long filter takes two lines): the main pane gets what is left.
	const headerHeight = headerLines(headerProps, width, theme).length;
	const {overlay} = state;
	// A long status wraps (up to three rows) and the main pane gives way; the filter bar is one row.
	const status = overlay?.kind === 'filter' ? undefined : statusLines(state.status, width);
	// One line short of the terminal: a full-height frame makes Ink clear the screen on every render.
	const mainHeight = Math.max(3, size.rows - 1 - headerHeight - (status?.length ?? 1) - 1);
	const listHeight = mainHeight - 1;
	const mode = inputMode(state);
	const admin = useAdminAudit({services: props.adminServices, inventory: () => inventory, dispatch, now: clock});
	const adminLayout = useRef<AdminLayout | undefined>(undefined);
	const helpLayout = useRef<HelpLayout | undefined>(undefined);
	const detailLayout = useRef<DetailLayout | undefined>(undefined);

	useCommands({
		state,
		dispatch,
		model,
		inventory,
		setInventory,
		store,
		engine,
		refreshSeconds,
		pageSize: Math.max(1, listHeight - 1),
		isActive: isRawModeSupported === true,
		repaint,
		statusMs: props.statusMs,
		env,
		admin,
		adminLayout,
		helpLayout,
		detailLayout,
	});
	// Scale: a tick during a run is skipped and says so (never two runs at once).
	useAutoRefresh(engine, model.allIds, state.autoRefresh, refreshSeconds, reason => {
		dispatch({type: 'status', status: {text: reason, tone: 'info'}});
	});
	useEffect(() => {
		if (props.checkOnStart && model.allIds.length > 0) engine.check({ids: model.allIds}).catch(() => undefined);
		// Once, at start.
	}, []);

	// Column widths follow the longest name, diagnosis and acting-as (see columnsForWidth's priorities).
	const content = useMemo(() => contentWidths(model.rows), [model.rows]);
	const columns = useMemo(
		() => columnsForWidth(width, content, state.sort),
		[width, content.name, content.problem, content.actingAs, state.sort],
	);
	const selected = model.selected;
	const selectedInstance = selected
		? inventory.instances.find(instance => instance.name === (selected.kind === 'row' ? selected.row.instance : selected.instance.name))
		: undefined;
	const selectedIntegration =
		selected?.kind === 'row'
			? selectedInstance?.integrations.find(integration => integration.name === selected.row.integration)
			: undefined;

	const list = (
		<RowList
			items={model.items}
			columns={columns}
			cursor={model.cursor}
			marks={state.marks}
			height={listHeight}
			width={width}
			sort={state.sort}
			filter={state.filter}
		/>
	);
	let main: React.ReactNode;
	if (overlay?.kind === 'help') {
		main = <HelpOverlay state={model.keymapState} offset={overlay.offset} height={mainHeight} width={width} layout={helpLayout} />;
	} else if (overlay?.kind === 'form') {
		main = <FormView form={overlay.form} height={mainHeight} width={width} />;
	} else if (overlay?.kind === 'confirm') {
		main = <ConfirmDialog message={overlay.message} answers={overlay.answers} width={width} />;
	} else if (overlay?.kind === 'admin') {
		main = (
			<AdminView
				overlay={overlay}
				instance={inventory.instances.find(instance => instance.name === overlay.instance)}
				width={width}
				height={mainHeight}
				layout={adminLayout}
			/>
		);
	} else if (overlay?.kind === 'wizard') {
		const id = integrationId(overlay.instance, overlay.integration);
		main = (
			<WizardHost
				inventory={inventory}
				instance={overlay.instance}
				integration={overlay.integration}
				step={overlay.step}
				progress={progress.get(id) ?? stateStore?.getOnboarding?.(id)}
				onProgress={next => saveProgress(id, next)}
				onSave={patch => saveIntegration(id, patch)}
				onClose={() => dispatch({type: 'close'})}
				pendingKeys={overlay.pending}
				onPendingKeysTaken={() => dispatch({type: 'wizard-keys-taken'})}
				onRegister={(plan, client) => storeRegistration(overlay.instance, plan, client)}
				services={props.wizardServices}
				report={selected?.kind === 'row' && selected.row.id === id ? selected.row.report : model.rows.find(row => row.id === id)?.report}
				width={width}
				height={mainHeight}
				isActive={fits}
			/>
		);
	} else if (state.view === 'detail') {
		main = (
			<DetailPane
				item={selected}
				instance={selectedInstance}
				integration={selectedIntegration}
				instanceReport={selectedInstance ? snapshot.instances.get(selectedInstance.name) : undefined}
				now={now}
				reveal={state.reveal}
				env={env}
				height={mainHeight}
				width={width}
				offset={state.detailOffset}
				showPassing={state.showPassing}
				layout={detailLayout}
			/>
		);
	} else {
		main = list;
	}

	// Below the minimum only the "too small" screen shows; the rest stays mounted (hidden), so an
	// authorization waiting in the wizard survives a window dragged too small for a moment.
	return (
		<Box flexDirection="column" width={fits ? width : Math.max(1, size.columns - 1)}>
			{fits ? null : <TooSmall size={size} />}
			<Box flexDirection="column" width={width} display={fits ? 'flex' : 'none'}>
				<Header {...headerProps} width={width} />
				{/* Scale: no clipping around the list (it renders exactly its height): clipping made Ink
				    slice every line of every frame. Overlays that may be taller keep it. */}
				<Box flexDirection="column" height={mainHeight} overflow={main === list ? undefined : 'hidden'}>
					{main}
				</Box>
				{status ? <StatusBar lines={status} /> : <FilterBar value={state.filter} />}
				<Footer hints={footerHints(mode, model.keymapState, displayKey)} width={width} />
			</Box>
		</Box>
	);
}

function stamped(progress: OnboardingProgress, now: number): SavedOnboarding {
	return Object.fromEntries(Object.entries(progress).map(([step, value]) => [step, {...value, at: value.at ?? now}])) as SavedOnboarding;
}
