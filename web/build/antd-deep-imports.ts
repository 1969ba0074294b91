import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Plugin } from 'vite';

/**
 * Rewrites `import { Button, Spin } from 'antd'` into one import per component
 * (`import Button from 'antd/es/button'`). Through the barrel, the bundler keeps every component
 * whose module assigns statics (Form.Item, Input.Group, ColorPicker's panel…) whether used or not,
 * and those land in the first chunk: 60 KB gzipped of form, color picker and collapse code that
 * the phone's home page never runs. Type-only names are dropped (they have no runtime value).
 */
export function antdDeepImports(): Plugin {
  const require = createRequire(import.meta.url);
  const barrel = require.resolve('antd/es/index.js');
  const dirOf = new Map<string, string>();
  for (const m of readFileSync(barrel, 'utf8').matchAll(/export \{ default as (\w+) \} from '\.\/([\w-]+)';/g)) dirOf.set(m[1], m[2]);
  if (dirOf.size < 50) throw new Error(`antd-deep-imports: read only ${dirOf.size} components from ${path.relative(process.cwd(), barrel)}`);
  return {
    name: 'daka:antd-deep-imports',
    enforce: 'pre',
    transform(code, id) {
      if (!/\.[jt]sx?$/.test(id) || id.includes('node_modules') || !code.includes("from 'antd'")) return null;
      const out = code.replace(/^import \{([^}]*)\} from 'antd';$/gm, (whole, list: string) => {
        const lines: string[] = [];
        for (const raw of list.split(',')) {
          const spec = raw.trim();
          if (!spec || spec.startsWith('type ')) continue;
          const [name, alias] = spec.split(/\s+as\s+/);
          const dir = dirOf.get(name);
          // Anything that is not a component (theme, version…) keeps the barrel import.
          if (!dir) return whole;
          lines.push(`import ${alias ?? name} from 'antd/es/${dir}';`);
        }
        return lines.join(' ');
      });
      return out === code ? null : { code: out, map: null };
    },
  };
}
