// This month's X read spend as the inbox page shows it (ChannelDefinition.usage): the budget state the
// poller keeps in the channel store (budget.ts), and what the poller does about it — the same thresholds
// (pollDelayMs), so the page says "slowed" exactly when polling is.
import type { ChannelDefinition, ChannelUsage } from '../types.ts';
import { type BudgetState, pollDelayMs, spentUsd } from './budget.ts';
import { DEFAULT_POLL_SECONDS, type XConfig } from './config.ts';
import { BUDGET_KEY } from './poller.ts';

export const readUsage: NonNullable<ChannelDefinition<XConfig>['usage']> = async ({ config, store, now }) => {
  const spent = spentUsd(await store.get<BudgetState>(BUDGET_KEY), now);
  const base = config.pollSeconds ?? DEFAULT_POLL_SECONDS;
  const delay = pollDelayMs(base, config.monthlyBudgetUsd, spent);
  const state: ChannelUsage['state'] = delay === null ? 'stopped' : delay > base * 1000 ? 'slowed' : 'normal';
  return {
    month: now.toISOString().slice(0, 7),
    spentUsd: spent,
    budgetUsd: config.monthlyBudgetUsd ?? null,
    state,
  };
};
