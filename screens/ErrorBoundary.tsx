// Keeps one failing part of the screen from ending the session: a pane or a dialog that throws while it
// renders (or in an effect) is replaced by one sentence in its place, and the console keeps running: the
// ladder, the status line and the keys still work. Without it the error reaches Ink, which unmounts the whole
// console. The part is tried again when `resetKey` changes (another rung, drill-down or dialog).
import { Box, Text } from 'ink';
import { Component, type ReactNode } from 'react';
import { tone } from './theme.js';

export interface ErrorBoundaryProps {
  /** What failed, for the sentence: 'pane', 'dialog'. */
  what: string;
  /** What the user can do next, for the sentence: 'Esc goes back'. */
  hint: string;
  /** A new value renders the children again (the failure belonged to the view that was there). */
  resetKey: string;
  width?: number;
  /** Called once per failure, when it is caught (the screen drops the failed pane's key handler here). */
  onFail?: () => void;
  children?: ReactNode;
}

interface ErrorBoundaryState {
  failed?: string;
  resetKey: string;
}

/** The error's first line, without a trailing full stop (no stack on the screen). */
function firstLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return (text.split('\n')[0] ?? '').trim().replace(/\.$/, '') || 'an unknown error';
}

export class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { resetKey: this.props.resetKey };

  static getDerivedStateFromError(err: unknown): Partial<ErrorBoundaryState> {
    return { failed: firstLine(err) };
  }

  static getDerivedStateFromProps(props: ErrorBoundaryProps, state: ErrorBoundaryState): Partial<ErrorBoundaryState> | null {
    return props.resetKey === state.resetKey ? null : { resetKey: props.resetKey, failed: undefined };
  }

  override componentDidCatch(): void {
    this.props.onFail?.();
  }

  override render(): ReactNode {
    const { failed } = this.state;
    if (failed === undefined) return this.props.children;
    const { what, hint, width } = this.props;
    return (
      <Box width={width} flexShrink={0}>
        <Text color={tone('failing')} wrap="wrap">{`This ${what} failed: ${failed}; the console keeps running (${hint}).`}</Text>
      </Box>
    );
  }
}
