import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');
const repo = mkdtempSync(join(tmpdir(), 'newswatch-gitignore-'));
const git = (...args: string[]) => execFileSync('git', ['-C', repo, ...args], { encoding: 'utf8' });

afterAll(() => rmSync(repo, { recursive: true, force: true }));

describe('.gitignore', () => {
  // A worktree often links node_modules to the main checkout's: `git add -A` must not commit the link.
  it('leaves node_modules out whether it is a folder or a link to one', () => {
    git('init', '-q');
    copyFileSync(join(ROOT, '.gitignore'), join(repo, '.gitignore'));
    mkdirSync(join(repo, 'console', 'node_modules'), { recursive: true });
    writeFileSync(join(repo, 'console', 'node_modules', 'package.json'), '{}');
    symlinkSync(join(ROOT, 'node_modules'), join(repo, 'node_modules'));

    expect(git('status', '--porcelain', '--untracked-files=all')).toBe('?? .gitignore\n');
  });
});
