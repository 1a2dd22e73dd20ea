import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findBrowser, findSoffice, isExecutableFile, type ProgramLookup } from '../src/read/programs.js';
import { tempDir } from './helpers.js';

// Where LibreOffice and a browser are found, on fake install trees: a machine is a platform, an environment and the
// set of program files that exist on it.

const machine = (platform: NodeJS.Platform, env: Record<string, string>, files: string[]): ProgramLookup => ({
  platform,
  env,
  exists: (p) => files.includes(p),
});

const WIN_ENV = {
  Path: 'C:\\Windows\\system32;C:\\Windows',
  ProgramFiles: 'C:\\Program Files',
  'ProgramFiles(x86)': 'C:\\Program Files (x86)',
  ProgramW6432: 'C:\\Program Files',
  LOCALAPPDATA: 'C:\\Users\\张三\\AppData\\Local',
};
const LO64 = 'C:\\Program Files\\LibreOffice\\program\\soffice.exe';
const LO32 = 'C:\\Program Files (x86)\\LibreOffice\\program\\soffice.exe';
const EDGE = 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe';
const CHROME = 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe';
const CHROME_USER = 'C:\\Users\\张三\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe';

describe('findSoffice', () => {
  it.each([
    ['64-bit LibreOffice in Program Files', WIN_ENV, [LO64], LO64],
    ['32-bit LibreOffice in Program Files (x86)', WIN_ENV, [LO32], LO32],
    ['both: the 64-bit one', WIN_ENV, [LO32, LO64], LO64],
    [
      'on PATH (a portable copy) before the installed one',
      { ...WIN_ENV, Path: 'D:\\便携\\LibreOffice\\program;C:\\Windows' },
      [LO64, 'D:\\便携\\LibreOffice\\program\\soffice.exe'],
      'D:\\便携\\LibreOffice\\program\\soffice.exe',
    ],
    [
      'a quoted PATH entry',
      { ...WIN_ENV, Path: '"D:\\Lo Office\\program";C:\\Windows' },
      ['D:\\Lo Office\\program\\soffice.exe'],
      'D:\\Lo Office\\program\\soffice.exe',
    ],
    [
      'Program Files elsewhere (ProgramFiles on D:)',
      { Path: '', ProgramFiles: 'D:\\Program Files', ProgramW6432: 'D:\\Program Files' },
      ['D:\\Program Files\\LibreOffice\\program\\soffice.exe'],
      'D:\\Program Files\\LibreOffice\\program\\soffice.exe',
    ],
    ['no environment at all: the default C:\\Program Files', {}, [LO64], LO64],
    [
      'environment names in any case (PATH, programfiles)',
      { PATH: 'E:\\lo', programfiles: 'C:\\Program Files' },
      ['E:\\lo\\soffice.exe'],
      'E:\\lo\\soffice.exe',
    ],
    ['not installed', WIN_ENV, [EDGE], null],
  ])('Windows: %s', (_what, env, files, expected) => {
    expect(findSoffice(machine('win32', env, files))).toBe(expected);
  });

  it.each([
    ['soffice on PATH', { PATH: '/usr/local/bin:/usr/bin' }, ['/usr/bin/soffice'], '/usr/bin/soffice'],
    ['libreoffice when there is no soffice', { PATH: '/usr/bin' }, ['/usr/bin/libreoffice'], '/usr/bin/libreoffice'],
    ['PATH order', { PATH: '/opt/lo/bin:/usr/bin' }, ['/usr/bin/soffice', '/opt/lo/bin/soffice'], '/opt/lo/bin/soffice'],
    ['no Windows locations on Linux', { PATH: '/usr/bin', ProgramFiles: 'C:\\Program Files' }, [LO64], null],
  ])('Linux: %s', (_what, env, files, expected) => {
    expect(findSoffice(machine('linux', env, files))).toBe(expected);
  });

  it('macOS: the application bundle when it is not on PATH', () => {
    const app = '/Applications/LibreOffice.app/Contents/MacOS/soffice';
    expect(findSoffice(machine('darwin', { PATH: '/usr/bin' }, [app]))).toBe(app);
  });

  it('--soffice PATH: that program and only it, null when it is not there', () => {
    const mine = 'D:\\软件\\LibreOffice\\program\\soffice.exe';
    expect(findSoffice(machine('win32', WIN_ENV, [LO64, mine]), mine)).toBe(mine);
    expect(findSoffice(machine('win32', WIN_ENV, [LO64]), mine)).toBeNull();
    expect(findSoffice(machine('linux', { PATH: '/usr/bin' }, ['/usr/bin/soffice']), '/opt/none/soffice')).toBeNull();
  });
});

describe('findBrowser', () => {
  it.each([
    ['Edge alone, as on every Windows 10/11 PC', WIN_ENV, [EDGE], EDGE],
    ['Chrome before Edge', WIN_ENV, [EDGE, CHROME], CHROME],
    ['Chrome installed for this user only', WIN_ENV, [EDGE, CHROME_USER], CHROME_USER],
    [
      'Edge in 64-bit Program Files',
      WIN_ENV,
      ['C:\\Program Files\\Microsoft\\Edge\\Application\\msedge.exe'],
      'C:\\Program Files\\Microsoft\\Edge\\Application\\msedge.exe',
    ],
    [
      'a Chromium on PATH before the installed ones',
      { ...WIN_ENV, Path: 'D:\\chromium' },
      [EDGE, CHROME, 'D:\\chromium\\chromium.exe'],
      'D:\\chromium\\chromium.exe',
    ],
    ['CHROME_PATH, and then only it', { ...WIN_ENV, CHROME_PATH: 'D:\\浏览器\\chrome.exe' }, [EDGE, 'D:\\浏览器\\chrome.exe'], 'D:\\浏览器\\chrome.exe'],
    ['CHROME_PATH that is not there: none, not Edge', { ...WIN_ENV, CHROME_PATH: 'D:\\没有\\chrome.exe' }, [EDGE], null],
    ['no browser', WIN_ENV, [LO64], null],
  ])('Windows: %s', (_what, env, files, expected) => {
    expect(findBrowser(machine('win32', env, files))).toBe(expected);
  });

  it.each([
    ['/usr/bin/chromium first', { PATH: '/opt/google/chrome' }, ['/usr/bin/chromium', '/opt/google/chrome/google-chrome'], '/usr/bin/chromium'],
    ['Chrome on PATH', { PATH: '/opt/google/chrome:/usr/bin' }, ['/opt/google/chrome/google-chrome'], '/opt/google/chrome/google-chrome'],
    ['an empty CHROME_PATH counts as unset', { PATH: '/usr/bin', CHROME_PATH: '' }, ['/usr/bin/chromium'], '/usr/bin/chromium'],
    ['no Windows locations on Linux', { PATH: '/usr/bin', ProgramFiles: 'C:\\Program Files' }, [EDGE], null],
  ])('Linux: %s', (_what, env, files, expected) => {
    expect(findBrowser(machine('linux', env, files))).toBe(expected);
  });
});

describe('isExecutableFile (the real test thisMachine uses)', () => {
  it('is true for an executable file, false for a plain file, a folder or nothing', () => {
    const dir = tempDir();
    const program = join(dir, 'soffice');
    const plain = join(dir, 'notes.txt');
    writeFileSync(program, '#!/bin/sh\n');
    chmodSync(program, 0o755);
    writeFileSync(plain, 'x');
    chmodSync(plain, 0o644);
    mkdirSync(join(dir, 'folder'));
    chmodSync(join(dir, 'folder'), 0o755);
    expect(isExecutableFile(program)).toBe(true);
    expect(isExecutableFile(plain)).toBe(false);
    expect(isExecutableFile(join(dir, 'folder'))).toBe(false);
    expect(isExecutableFile(join(dir, 'missing'))).toBe(false);
  });
});
