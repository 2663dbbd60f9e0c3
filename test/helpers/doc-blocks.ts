// The runnable code blocks of a Markdown page (test/ops/docs.test.ts; the
// convention is in docs/CONTRIBUTING-docs.md). A block is runnable when the
// last non-blank line before its opening fence is an HTML comment, which
// GitHub does not render:
//
//   <!-- runnable -->                        runs to its end and must exit 0
//   <!-- runnable: background "<text>" -->   a server: up once its output holds <text>,
//                                            stopped with SIGTERM after the page's
//                                            later blocks, and must exit 0

/**
 * The file a block is written to, by the first word of its fence's info
 * string: TypeScript and JavaScript modules run with tsx, shell with bash.
 */
export const EXTENSIONS: Readonly<Record<string, '.ts' | '.mjs' | '.sh'>> = {
  ts: '.ts',
  typescript: '.ts',
  js: '.mjs',
  javascript: '.mjs',
  sh: '.sh',
  bash: '.sh',
  shell: '.sh',
};

export interface DocBlock {
  /** The page, relative to the repository: `docs/client.md`. */
  doc: string;
  /** The opening fence's line, 1-based; the code's first line is `line + 1`. */
  line: number;
  lang: string;
  code: string;
  /** A background block: the text its output holds once it is up. */
  readyText?: string;
}

export interface PageBlocks {
  blocks: DocBlock[];
  /** Markers that mark nothing runnable, each with its page and line. */
  problems: string[];
}

const MARKER = /^\s*<!--\s*runnable(?:\s*:\s*(.*?))?\s*-->\s*$/;
// A comment that was meant as a marker and is not one (a typo) would leave
// its block silently untested.
const NEAR_MARKER = /^\s*<!--\s*run/i;
const BACKGROUND = /^background\s+"([^"]+)"$/;
const FENCE = /^\s*(`{3,}|~{3,})\s*([^\s`]*)/;

export function runnableBlocks(doc: string, text: string): PageBlocks {
  const lines = text.split('\n');
  const blocks: DocBlock[] = [];
  const problems: string[] = [];
  let marker: { line: number; options: string | undefined } | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const fence = FENCE.exec(line);
    if (fence) {
      // Inside a block nothing counts, a marker shown as an example included.
      const close = new RegExp(`^\\s*${fence[1]![0]}{${fence[1]!.length},}\\s*$`);
      let end = i + 1;
      while (end < lines.length && !close.test(lines[end]!)) end++;
      if (marker) {
        const block = blockOf(doc, i + 1, fence[2]!, lines.slice(i + 1, end), marker.options);
        if (typeof block === 'string') problems.push(`${doc}:${marker.line}: ${block}`);
        else blocks.push(block);
        marker = undefined;
      }
      i = end;
      continue;
    }
    if (line.trim() === '') continue;
    if (marker) problems.push(`${doc}:${marker.line}: the marker is not right before a code block`);
    marker = undefined;
    const m = MARKER.exec(line);
    if (m) marker = { line: i + 1, options: m[1] || undefined };
    else if (NEAR_MARKER.test(line))
      problems.push(`${doc}:${i + 1}: not a runnable marker: ${line}`);
  }
  if (marker) problems.push(`${doc}:${marker.line}: the marker is not right before a code block`);
  return { blocks, problems };
}

function blockOf(
  doc: string,
  line: number,
  lang: string,
  code: string[],
  options: string | undefined,
): DocBlock | string {
  if (!(lang in EXTENSIONS)) return `cannot run a block of ${JSON.stringify(lang)}`;
  const block: DocBlock = { doc, line, lang, code: `${code.join('\n')}\n` };
  if (options === undefined) return block;
  const bg = BACKGROUND.exec(options);
  if (!bg) return `unknown option ${JSON.stringify(options)} (want background "<text>")`;
  return { ...block, readyText: bg[1]! };
}
