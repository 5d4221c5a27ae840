// Custom service commands (start / stop / status of a gateway run by a wrapper script, docker
// compose, …) are typed by an operator and run on a server over SSH. They are split into plain words
// and each word is quoted again before it is sent, so nothing the operator types is ever interpreted
// by a shell: words with shell syntax are refused with the reason, never "made safe".
import type { ServiceManager } from '../../shared/rollout';

const WORD = /^[A-Za-z0-9_./:=@%+,-]+$/;
const PROGRAM = /^(\/[A-Za-z0-9_./+-]+|[A-Za-z0-9_][A-Za-z0-9_.+-]*)$/;
const UNIT = /^[A-Za-z0-9_.@:-]{1,200}$/;

export class ServiceConfigError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** The argv of one typed command, or an error naming what is wrong with it. */
export function parseServiceCommand(field: string, text: string): string[] {
  const words = text.trim().split(/[ \t]+/).filter(Boolean);
  if (!words.length) throw new ServiceConfigError(field, `${field}: required`);
  if (/[\n\r]/.test(text)) throw new ServiceConfigError(field, `${field}: one line only`);
  if (words.length > 32) throw new ServiceConfigError(field, `${field}: at most 32 words`);
  const [program, ...args] = words;
  if (!PROGRAM.test(program!)) {
    throw new ServiceConfigError(field, `${field}: "${program!.slice(0, 40)}" must be an absolute path or a program name (letters, digits, . _ + - /), no shell syntax`);
  }
  if (program!.includes('..')) throw new ServiceConfigError(field, `${field}: no ".." in the program path`);
  for (const arg of args) {
    if (!WORD.test(arg)) {
      throw new ServiceConfigError(field, `${field}: "${arg.slice(0, 40)}" has shell syntax or spaces inside a word (allowed: letters, digits, _ . / : = @ % + , -)`);
    }
  }
  return words;
}

/** Checks every field; returns the manager with trimmed values. */
export function validateServiceManager(m: ServiceManager): ServiceManager {
  switch (m.kind) {
    case 'custom':
      parseServiceCommand('start', m.start);
      parseServiceCommand('stop', m.stop);
      parseServiceCommand('status', m.status);
      return { kind: 'custom', start: m.start.trim(), stop: m.stop.trim(), status: m.status.trim() };
    case 'systemd-user':
    case 'systemd-system':
      if (!UNIT.test(m.unit)) throw new ServiceConfigError('unit', 'unit: a systemd unit name (letters, digits, _ . @ : -)');
      return m;
    case 'launchd':
      if (!UNIT.test(m.label)) throw new ServiceConfigError('label', 'label: a launchd label (letters, digits, _ . @ : -)');
      return m;
  }
}

/** Whether `openclaw update` itself stops, migrates, restarts and verifies the gateway. */
export function updaterRestarts(m: ServiceManager): boolean {
  return m.kind !== 'custom';
}
