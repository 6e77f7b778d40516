/**
 * The dashboard's admin view (m): the title on top, the rest scrolled within the space it gets.
 * The login form keeps its focused field in view; the report scrolls to the selected finding
 * (↑↓) or by pages (PgUp/PgDn). What the dispatcher needs to scroll (where each finding starts,
 * how far the view can go) is left in `layout` at each render, as the wizard does.
 */
import React from 'react';
import type {Instance} from '../../core/model.js';
import {useTheme} from '../theme.js';
import {scrollWindow} from '../layout/lines.js';
import {LineView} from '../layout/line-view.js';
import {adminLines} from './admin-lines.js';
import type {AdminOverlay} from './admin-state.js';

/** The admin view's last layout, for the keys that scroll it. */
export interface AdminLayout {
	readonly starts: readonly number[];
	readonly maxOffset: number;
	/** Lines per page (PgUp/PgDn). */
	readonly page: number;
}

export function AdminView({
	overlay,
	instance,
	width,
	height,
	layout,
}: {
	readonly overlay: AdminOverlay;
	readonly instance: Instance | undefined;
	readonly width: number;
	readonly height: number;
	readonly layout: {current: AdminLayout | undefined};
}) {
	const theme = useTheme();
	const {pinned, body, starts, focus} = adminLines(overlay, instance, width, theme);
	const room = Math.max(1, height - pinned.length);
	const {view} = overlay;
	let offset = view.phase === 'report' || view.phase === 'failed' ? view.offset : 0;
	// The focused field (and its error) in view: scroll just far enough to show its end.
	if (focus && body.length > room) offset = Math.min(focus.start, Math.max(0, focus.end - (room - 1) + 1));
	const shown = scrollWindow(body, room, offset, theme.glyphs);
	layout.current = {starts, maxOffset: shown.maxOffset, page: Math.max(1, room - 2)};
	return <LineView lines={[...pinned, ...shown.lines]} />;
}
