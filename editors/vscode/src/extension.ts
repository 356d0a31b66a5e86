// Starts `lockstep lsp` for SQL files: diagnostics as you type, quick fixes, rule docs on hover.
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { Executable, LanguageClient, LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';

/** The command the server's "Show the safe rewrite" code action runs (see the server's CodeActions). */
const SHOW_REWRITE = 'lockstep.showRewrite';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(
    vscode.commands.registerCommand('lockstep.restartServer', restart),
    vscode.workspace.onDidChangeConfiguration(e => {
      if (e.affectsConfiguration('lockstep')) void restart();
    }),
  );
  await start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

async function restart(): Promise<void> {
  await deactivate();
  await start();
}

async function start(): Promise<void> {
  const server = serverCommand(vscode.workspace.getConfiguration('lockstep'));
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'sql' },
      { scheme: 'untitled', language: 'sql' },
    ],
    middleware: {
      // The server shows the rewrite as a message; here it opens beside the migration instead.
      executeCommand: async (command, args, next) => {
        if (command === SHOW_REWRITE && typeof args[0] === 'string') {
          const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: args[0] });
          await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true });
          return undefined;
        }
        return next(command, args);
      },
    },
  };
  const serverOptions: ServerOptions = { run: server, debug: server };
  client = new LanguageClient('lockstep', 'lockstep', serverOptions, clientOptions);
  try {
    await client.start();
  } catch (e) {
    void vscode.window.showErrorMessage(
      `lockstep: could not start '${server.command} ${(server.args ?? []).join(' ')}' (${e}). ` +
        'Install the lockstep npm package in the project, or set lockstep.path or lockstep.jar.');
  }
}

/** `lockstep lsp` from the settings: a jar run with Java, a given command, the project's npm package, or PATH. */
export function serverCommand(config: vscode.WorkspaceConfiguration): Executable {
  const args = ['lsp'];
  const pg = config.get<number | null>('pgVersion');
  if (pg) args.push('--pg-version', String(pg));
  const failLevel = config.get<string>('failLevel');
  if (failLevel) args.push('--fail-level', failLevel);

  const jar = config.get<string>('jar');
  if (jar) {
    const java = config.get<string>('java') || javaFromHome() || 'java';
    return { command: java, args: ['-jar', jar, ...args] };
  }
  const windows = process.platform === 'win32';
  const configured = config.get<string>('path');
  const command = configured || projectCommand(windows) || 'lockstep';
  // npm's Windows shims are .cmd scripts, which only a shell can start
  return { command, args, options: { shell: windows && /\.cmd$/i.test(command) } };
}

function javaFromHome(): string | undefined {
  const home = process.env.JAVA_HOME;
  if (!home) return undefined;
  const java = path.join(home, 'bin', process.platform === 'win32' ? 'java.exe' : 'java');
  return fs.existsSync(java) ? java : undefined;
}

/** node_modules/.bin/lockstep of a workspace folder, where the lockstep npm package is installed. */
function projectCommand(windows: boolean): string | undefined {
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const bin = path.join(folder.uri.fsPath, 'node_modules', '.bin', windows ? 'lockstep.cmd' : 'lockstep');
    if (fs.existsSync(bin)) return bin;
  }
  return undefined;
}
