import { Command } from 'commander';
import { act, withExamples } from '../cli/command.js';

export default function (): Command {
  return withExamples(
    new Command('demo').description('build a demo college from fixtures/').option('--dir <dir>', 'where to build it', 'demo').action(act(async () => {})),
    'registrar demo --dir /tmp/demo',
  );
}
