import { describe, expect, it } from 'vitest';
import { escapeHtml, escapeMarkdown, isSafeLinkUrl, markdownCode, slug, truncate } from '../../src/report/escape.js';

describe('escapeHtml', () => {
  it('escapes the five markup characters and replaces control characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
    expect(escapeHtml('a\u0000b\u001bc\td\ne')).toBe('a\ufffdb\ufffdc\td\ne');
    expect(escapeHtml(42)).toBe('42');
  });
});

describe('escapeMarkdown', () => {
  it('turns markup into entities and escapes inline syntax', () => {
    expect(escapeMarkdown('<b>*x*_y_ [l](u) `c` a|b ~s~ \\')).toBe('&lt;b&gt;\\*x\\*\\_y\\_ \\[l\\](u) \\`c\\` a\\|b \\~s\\~ \\\\');
    expect(escapeMarkdown('&lt;')).toBe('&amp;lt;');
  });

  it('keeps a value on one line and defuses block markers', () => {
    expect(escapeMarkdown('one\r\ntwo\nthree')).toBe('one<br>two<br>three');
    expect(escapeMarkdown('# title')).toBe('\\# title');
    expect(escapeMarkdown('- item')).toBe('\\- item');
    expect(escapeMarkdown('1. first')).toBe('1\\. first');
    expect(escapeMarkdown('1.0.0')).toBe('1.0.0');
    expect(escapeMarkdown('> quote')).toBe('&gt; quote');
  });
});

describe('markdownCode', () => {
  it('fences with one more backtick than the longest run inside', () => {
    expect(markdownCode('plain', false)).toBe('`plain`');
    expect(markdownCode('a `b` c', false)).toBe('``a `b` c``');
    expect(markdownCode('`x`', false)).toBe('`` `x` ``');
    expect(markdownCode('``', false)).toBe('``` `` ```');
    expect(markdownCode('', false)).toBe('*(empty)*');
  });

  it('escapes pipes only in tables and shows newlines as \\n', () => {
    expect(markdownCode('a|b', true)).toBe('`a\\|b`');
    expect(markdownCode('a|b', false)).toBe('`a|b`');
    expect(markdownCode('a\nb', false)).toBe('`a\\nb`');
    // A backslash before a pipe cannot be expressed in a table code span: escaped text instead.
    expect(markdownCode('a\\|b', true)).toBe('<code>a\\\\\\|b</code>');
  });
});

describe('isSafeLinkUrl', () => {
  it('accepts only absolute http(s) URLs that need no escaping', () => {
    expect(isSafeLinkUrl('https://www.rfc-editor.org/rfc/rfc9700#section-2.1.1')).toBe(true);
    expect(isSafeLinkUrl('http://example.com/')).toBe(true);
    expect(isSafeLinkUrl('javascript:alert(1)')).toBe(false);
    expect(isSafeLinkUrl('JAVASCRIPT:alert(1)')).toBe(false);
    expect(isSafeLinkUrl('data:text/html,<script>')).toBe(false);
    expect(isSafeLinkUrl('//evil.example/')).toBe(false);
    expect(isSafeLinkUrl('https://x.example/"><script>')).toBe(false);
    expect(isSafeLinkUrl('https://x.example/a b')).toBe(false);
    expect(isSafeLinkUrl('https://x.example/a)b')).toBe(false);
    expect(isSafeLinkUrl(undefined)).toBe(false);
  });
});

describe('slug and truncate', () => {
  it('makes class-safe fragments', () => {
    expect(slug('n/a')).toBe('n-a');
    expect(slug('x" onclick="y')).toBe('x--onclick--y');
  });

  it('cuts on code points and marks the cut', () => {
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('abc', 4)).toBe('abc');
    expect(truncate('😀😀😀', 2)).toBe('😀…');
  });
});
