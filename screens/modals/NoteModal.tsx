// A one-line note for the incident journal.
import { dialogKeyLine } from '../../src/keymap/index.js';
import { inputLine } from '../../src/views/index.js';
import type { ModalSpec } from '../../src/store/index.js';
import { ModalFrame } from './ModalFrame.js';

export function NoteModal({ modal, width }: { modal: ModalSpec<'note'>; width: number; height: number }) {
  const text = modal.props.text;
  // The frame's text starts one cell in from its border: the input scrolls so its end and cursor show.
  const room = Math.max(10, width - 4);
  return (
    <ModalFrame
      title="Note for the journal"
      lines={[{ text: 'What happened, what you saw, what you decided:', tone: 'muted' }, { text: inputLine('> ', text, room), cut: true }]}
      footer={dialogKeyLine('note')}
      width={width}
      height={6}
    />
  );
}
