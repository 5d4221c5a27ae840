// Field-level problems of a hygiene policy beyond its schema: target, schedule vs window, actions that
// OpenClaw never offers. A policy with problems is refused, so nothing runs from bad input.
import type { HygienePolicyInput } from '../../shared/hygiene';
import { neverAvailable } from './capabilities';
import { scheduleProblems } from './schedule';

export function policyProblems(p: HygienePolicyInput, serverExists: (id: string) => boolean, now: number): Record<string, string> {
  const problems: Record<string, string> = {};
  if ((p.role === undefined) === (p.serverId === undefined)) problems.role = 'choose a role or one server (exactly one)';
  else if (p.serverId !== undefined && !serverExists(p.serverId)) problems.serverId = 'no such server';
  const never = neverAvailable(p.actions);
  if (never.length) problems.actions = never.map((n) => `${n.action} is unavailable: ${n.reason}`).join('; ');
  if (new Set(p.actions).size !== p.actions.length) problems.actions = 'an action is listed twice';
  if (p.actions.includes('reset') && !p.resetAgents?.length) problems.resetAgents = 'name the agents whose main session is reset';
  Object.assign(problems, scheduleProblems(p, now));
  return problems;
}

/** Thrown for bad input; the handler turns it into an invalid-input error naming the fields. */
export class HygieneInputError extends Error {
  constructor(readonly fields: Record<string, string>) {
    super(Object.entries(fields).map(([k, v]) => `${k}: ${v}`).join('; '));
  }
}
