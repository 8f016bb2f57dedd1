// Command mode, as in Jupyter: with focus on a cell (not typing in the editor or a field), single keys
// act on cells. The key table is data: the app looks keys up in it and the help lists it.

export type Command = "edit" | "next" | "previous" | "insert-above" | "insert-below" | "delete" | "help";

export interface KeyBinding {
  /** as KeyboardEvent.key; "d d" is d pressed twice. */
  keys: string[];
  command: Command;
  label: string;
}

export const KEYMAP: readonly KeyBinding[] = [
  { keys: ["Enter"], command: "edit", label: "edit the cell" },
  { keys: ["j", "ArrowDown"], command: "next", label: "next code cell" },
  { keys: ["k", "ArrowUp"], command: "previous", label: "previous code cell" },
  { keys: ["a"], command: "insert-above", label: "insert a code cell above" },
  { keys: ["b"], command: "insert-below", label: "insert a code cell below" },
  { keys: ["d d"], command: "delete", label: "delete the cell (a lesson cell comes back with Reset lesson)" },
  { keys: ["?", "h"], command: "help", label: "show these keys" },
];

/** Keys of the editor, listed in the help next to the command keys. */
export const EDITOR_KEYS: readonly { keys: string[]; label: string }[] = [
  { keys: ["Shift+Enter"], label: "run the cell and move to the next" },
  { keys: ["Ctrl+Enter"], label: "run the cell and stay" },
  { keys: ["Esc"], label: "leave the editor (back to command mode)" },
];

/** Keys of a step-through, with focus on its buttons or slider (ui/components/sb-trace-view.ts). */
export const STEP_KEYS: readonly { keys: string[]; label: string; by: -1 | 1 }[] = [
  { keys: ["ArrowLeft"], label: "previous step", by: -1 },
  { keys: ["ArrowRight"], label: "next step", by: 1 },
];

/** Focus is somewhere the student types: the keys are theirs, not commands. */
export function isTyping(target: EventTarget | null): boolean {
  const el = target as Element | null;
  return !!el?.closest?.("input, textarea, select, [contenteditable=''], [contenteditable='true'], sb-code-editor, .monaco-editor");
}

/**
 * The command for a key, given the key pressed just before (for "d d"). Returns the key to remember
 * as pending (only the first half of a two-key binding is remembered).
 */
export function commandFor(key: string, pending: string | null): { command: Command | null; pending: string | null } {
  for (const b of KEYMAP) {
    for (const k of b.keys) {
      const [first, second] = k.split(" ");
      if (second === undefined && k === key) return { command: b.command, pending: null };
      if (second === key && pending === first) return { command: b.command, pending: null };
    }
  }
  const starts = KEYMAP.some((b) => b.keys.some((k) => k.includes(" ") && k.split(" ")[0] === key));
  return { command: null, pending: starts ? key : null };
}
