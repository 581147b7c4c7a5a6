// A one-line note for the incident journal.
import { dialogKeyLine } from '../../src/keymap/index.js';
import type { ModalSpec } from '../../src/store/index.js';
import { ModalFrame } from './ModalFrame.js';

export function NoteModal({ modal, width }: { modal: ModalSpec<'note'>; width: number; height: number }) {
  const text = modal.props.text;
  const room = Math.max(10, width - 6);
  const shownText = text.length > room ? `…${text.slice(-(room - 1))}` : text;
  return (
    <ModalFrame
      title="Note for the journal"
      lines={[{ text: 'What happened, what you saw, what you decided:', tone: 'muted' }, { text: `> ${shownText}█` }]}
      footer={dialogKeyLine('note')}
      width={width}
      height={6}
    />
  );
}
