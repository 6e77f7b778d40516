/**
 * The left column: the nine steps, each with an icon AND a word for its status (colour is
 * never the only signal), the selected one marked with ›.
 */
import React from 'react';
import {Box, Text} from 'ink';
import {onboardingSteps, type StepId} from '../../core/onboarding/steps.js';
import {statusOf, type OnboardingProgress, type StepStatus} from '../../core/onboarding/progress.js';
import type {SemanticColor} from '../../core/status-theme.js';
import {useTheme} from '../theme.js';

export const stepStatusStyle: Readonly<Record<StepStatus, {icon: string; word: string; color: SemanticColor}>> = {
	pending: {icon: '·', word: 'to do', color: 'muted'},
	done: {icon: '✔', word: 'done', color: 'success'},
	verified: {icon: '✔', word: 'verified', color: 'success'},
	failed: {icon: '✖', word: 'failed', color: 'error'},
};

export function StepList({progress, selected}: {readonly progress: OnboardingProgress; readonly selected: StepId}) {
	const theme = useTheme();
	return (
		<Box flexDirection="column" borderStyle="round" paddingX={1} flexShrink={0}>
			<Text bold>Steps</Text>
			{onboardingSteps.map(step => {
				const style = stepStatusStyle[statusOf(progress, step.id)];
				const current = step.id === selected;
				return (
					<Text key={step.id} inverse={current && !theme.noColor} bold={current}>
						{current ? '› ' : '  '}
						<Text color={theme.color(style.color)}>{style.icon}</Text>
						{` ${step.id} ${step.title.padEnd(19)} ${style.word}`}
					</Text>
				);
			})}
		</Box>
	);
}
