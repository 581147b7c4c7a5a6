// Rungs whose source arrives later: say so plainly, with the command that answers the step by hand. Never fake data.
import { Box, Text } from 'ink';
import { rungTitle, type RungEntry } from '../../src/ladder/rung-table.js';
import { tone } from '../theme.js';
import { PaneTitle } from './PaneTitle.js';

export function PlaceholderPane({ rung, width, height }: { rung: RungEntry; width: number; height: number }) {
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <PaneTitle title={rungTitle(rung.id)} width={width} />
      <Text color={tone('muted')} wrap="wrap">{`not connected — ${rung.shows} arrive with this rung's source.`}</Text>
      <Text> </Text>
      <Text wrap="wrap">{'By hand meanwhile: '}<Text color={tone('focus')}>{rung.command}</Text></Text>
    </Box>
  );
}
