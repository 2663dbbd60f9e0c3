import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';
import imports from './scripts/lint/import-cycles.js';

const ROOT = import.meta.dirname;

// Layers, lowest first. A module imports its own layer and the ones below,
// never one above.
const LAYERS = [
  { folders: ['protocol', 'proto', 'lib'] },
  { folders: ['bus'] },
  // They meet only on the bus, so neither imports the other.
  { folders: ['gateway', 'services'], apart: true },
  { folders: ['cli'] },
];
// Browser code: the client library speaks only the protocol, the demo page
// only the client and the protocol.
const BROWSER = { client: ['protocol'], web: ['client', 'protocol'] };
// Tooling that production code never imports.
const TOOLING = ['harness', 'bench', 'test', 'scripts', 'deploy'];

const everything = [...LAYERS.flatMap((l) => l.folders), ...Object.keys(BROWSER), ...TOOLING];

const layerZones = LAYERS.flatMap((layer, i) =>
  layer.folders.flatMap((folder) => [
    {
      target: folder,
      from: [...LAYERS.slice(i + 1).flatMap((l) => l.folders), ...Object.keys(BROWSER), ...TOOLING],
      message:
        'a lower layer imports a higher one (protocol, proto, lib < bus < gateway, services < cli)',
    },
    ...(layer.apart
      ? [
          {
            target: folder,
            from: layer.folders.filter((f) => f !== folder),
            message: `${layer.folders.join('/ and ')}/ meet only on the bus`,
          },
        ]
      : []),
  ]),
);

const browserZones = Object.entries(BROWSER).map(([folder, allowed]) => ({
  target: folder,
  from: everything.filter((f) => f !== folder && !allowed.includes(f)),
  message: `${folder}/ may import only ${allowed.map((f) => `${f}/`).join(' and ')}`,
}));

// Inside services/: the SDK is below every service, a service never imports
// another, and the registry, which imports them all, is imported by none.
const services = readdirSync(`${ROOT}/services`, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);
const serviceZones = services.map((name) => ({
  target: `services/${name}`,
  from: [
    ...services.filter((other) => other !== name && (name === 'sdk' || other !== 'sdk')),
    'registry.ts',
  ].map((f) => `services/${f}`),
  message:
    name === 'sdk'
      ? 'the SDK is below every service'
      : 'a service imports the SDK, never another service or the registry',
}));

export default tseslint.config(
  { ignores: ['node_modules/', '.tmp/', 'proto/gen/', 'web/dist/', '**/dist/', 'test-artifacts/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['**/*.ts'],
    plugins: { 'import-x': importX, imports },
    settings: { 'import-x/resolver-next': [createNodeResolver()] },
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        { basePath: ROOT, zones: [...layerZones, ...browserZones, ...serviceZones] },
      ],
      'imports/no-import-cycle': 'error',
    },
  },
  {
    files: ['cli/**', 'bench/**', 'scripts/**'],
    rules: { 'no-console': 'off' },
  },
);
