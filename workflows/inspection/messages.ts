import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { InspectionView, IssueView, RectificationNoticeRequest } from './types';

// The contract between the API and the inspection and issue workflows.

export const inspectionWorkflowId = (id: string): string => `inspection-${id}`;
export const issueWorkflowId = (id: string): string => `issue-${id}`;
/** The inspection's id from its workflow id (a scheduled run's carries the schedule's time). */
export const inspectionIdOf = (workflowId: string): string => workflowId.replace(/^inspection-/, '');

export const issueView = defineQuery<IssueView>('issueView');
export const inspectionView = defineQuery<InspectionView>('inspectionView');
export const issueRectificationNotice = defineUpdate<{ taskId: string }, [RectificationNoticeRequest]>('issueRectificationNotice');
