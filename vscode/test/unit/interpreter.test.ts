import { afterEach, describe, expect, it } from 'vitest';
import { chooseInterpreter, commandLine } from '../../src/interpreter.js';
import { fake, Uri } from '../fake-vscode.js';

const file = Uri.file('/work/my game.py') as never;

describe('chooseInterpreter', () => {
  afterEach(() => fake.reset());

  it("prefers the Python extension's selected interpreter", async () => {
    fake.pythonApi = { environments: { getActiveEnvironmentPath: () => ({ path: '/envs/a/bin/python' }) } };
    fake.settings['sidekick.pythonPath'] = '/usr/bin/python3.12';
    expect(await chooseInterpreter(file)).toEqual({ command: ['/envs/a/bin/python'], source: 'python extension' });
  });

  it("uses the extension's older execution details when that is what it offers", async () => {
    fake.pythonApi = { settings: { getExecutionDetails: () => ({ execCommand: ['conda', 'run', '-n', 'x', 'python'] }) } };
    expect((await chooseInterpreter(file)).command).toEqual(['conda', 'run', '-n', 'x', 'python']);
  });

  it('falls back to sidekick.pythonPath, then python3 (python on Windows)', async () => {
    fake.pythonApi = { environments: { getActiveEnvironmentPath: () => { throw new Error('not ready'); } } };
    fake.settings['sidekick.pythonPath'] = ' /usr/bin/python3.12 ';
    expect(await chooseInterpreter(file)).toEqual({ command: ['/usr/bin/python3.12'], source: 'sidekick.pythonPath' });
    fake.settings = {};
    expect(await chooseInterpreter(file, 'linux')).toEqual({ command: ['python3'], source: 'default' });
    expect((await chooseInterpreter(file, 'win32')).command).toEqual(['python']);
  });
});

describe('commandLine', () => {
  it('quotes what a shell would split or expand', () => {
    expect(commandLine(['python3'], '/work/game.py', 'linux')).toBe('python3 /work/game.py');
    expect(commandLine(['python3'], "/work/it's $HOME.py", 'linux')).toBe(`python3 '/work/it'\\''s $HOME.py'`);
    expect(commandLine(['C:\\Py 3\\python.exe'], 'C:\\my game.py', 'win32')).toBe("& 'C:\\Py 3\\python.exe' 'C:\\my game.py'");
  });
});
