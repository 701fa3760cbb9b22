/*
 * Slack's mrkdwn, rendered into DOM nodes (never through innerHTML): *bold*, _italic_, ~strike~, `code`, ```pre```,
 * > quotes, <url|label> links, <@U…> mentions, <#C…> channels, <!subteam^S…> groups, <!here>, <!date^…> dates,
 * and &lt; &gt; &amp; shown as the characters they stand for.
 */
(function () {
  'use strict';

  const FIRST_PLACEHOLDER = 0xE000;
  const MARKS = { '*': 'b', '_': 'i', '~': 's' };
  const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October',
    'November', 'December'];
  const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

  function decode(text) {
    return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  }

  function el(tag, className) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    return node;
  }

  /** Renders mrkdwn; ctx = { users, channels, groups, me, now (ms), zone, openChannel(id) }. */
  function render(text, ctx) {
    const out = document.createDocumentFragment();
    if (!text) return out;
    const parts = text.split('```');
    parts.forEach((part, i) => {
      const inCode = i % 2 === 1 && i < parts.length - 1;
      if (inCode) {
        const pre = el('pre', 'mk-pre');
        pre.textContent = decode(part.replace(/^\n/, '').replace(/\n$/, ''));
        out.append(pre);
      } else {
        lines(i % 2 === 1 ? '```' + part : part, ctx, out);
      }
    });
    return out;
  }

  function lines(text, ctx, out) {
    let quote = null;
    let lineBefore = false;
    text.split('\n').forEach((line) => {
      const quoted = /^>\s?(.*)$/.exec(line);
      if (quoted) {
        if (!quote) {
          quote = el('blockquote', 'mk-quote');
          out.append(quote);
        } else {
          quote.append(document.createElement('br'));
        }
        quote.append(inline(quoted[1], ctx));
        lineBefore = false;
        return;
      }
      quote = null;
      if (lineBefore) out.append(document.createElement('br'));
      out.append(inline(line, ctx));
      lineBefore = true;
    });
  }

  function inline(text, ctx) {
    const made = [];
    const hold = (make) => {
      made.push(make);
      return String.fromCharCode(FIRST_PLACEHOLDER + made.length - 1);
    };
    let held = text.replace(/`([^`]+)`/g, (all, code) => hold(() => {
      const node = el('code', 'mk-code');
      node.textContent = decode(code);
      return node;
    }));
    held = held.replace(/<([^<>]+)>/g, (all, inner) => hold(() => entity(inner, ctx)));
    const out = document.createDocumentFragment();
    format(held, made, out);
    return out;
  }

  function format(text, made, parent) {
    let plain = '';
    const flush = () => {
      if (plain) emit(plain, made, parent);
      plain = '';
    };
    for (let i = 0; i < text.length; i++) {
      const mark = text[i];
      if (MARKS[mark] && opens(text, i)) {
        const end = closes(text, i);
        if (end > 0) {
          flush();
          const node = el(MARKS[mark]);
          format(text.slice(i + 1, end), made, node);
          parent.append(node);
          i = end;
          continue;
        }
      }
      plain += mark;
    }
    flush();
  }

  const WORD = /[\p{L}\p{N}]/u;

  function opens(text, i) {
    const before = i === 0 ? ' ' : text[i - 1];
    const after = text[i + 1];
    return after !== undefined && !/\s/.test(after) && after !== text[i] && !WORD.test(before) && before !== text[i];
  }

  function closes(text, start) {
    const mark = text[start];
    for (let j = start + 2; j < text.length; j++) {
      if (text[j] !== mark) continue;
      const after = text[j + 1];
      if (!/\s/.test(text[j - 1]) && (after === undefined || !WORD.test(after))) return j;
    }
    return -1;
  }

  function emit(text, made, parent) {
    let plain = '';
    for (const ch of text) {
      const code = ch.charCodeAt(0);
      const index = code - FIRST_PLACEHOLDER;
      if (index >= 0 && index < made.length) {
        if (plain) parent.append(document.createTextNode(decode(plain)));
        plain = '';
        parent.append(made[index]());
      } else {
        plain += ch;
      }
    }
    if (plain) parent.append(document.createTextNode(decode(plain)));
  }

  function entity(inner, ctx) {
    const bar = inner.indexOf('|');
    const target = bar < 0 ? inner : inner.slice(0, bar);
    const label = bar < 0 ? null : decode(inner.slice(bar + 1));
    if (target.startsWith('@U') || target.startsWith('@W')) {
      const id = target.slice(1);
      const person = ctx.users[id];
      const node = el('span', 'mk-mention' + (id === ctx.me ? ' me' : ''));
      node.textContent = '@' + (person ? person.handle : (label || id));
      if (person) node.title = person.realName + ' · ' + person.title;
      return node;
    }
    if (target.startsWith('#C') || target.startsWith('#G')) {
      const id = target.slice(1);
      const channel = ctx.channels[id];
      const node = el('a', 'mk-mention mk-channel');
      node.textContent = '#' + (channel ? channel.name : (label || id));
      if (channel && ctx.openChannel) node.addEventListener('click', () => ctx.openChannel(id));
      return node;
    }
    if (target.startsWith('!subteam^')) {
      const id = target.slice('!subteam^'.length);
      const group = ctx.groups[id];
      const node = el('span', 'mk-mention');
      node.textContent = group ? '@' + group.handle : (label || '@' + id);
      if (group) node.title = group.name;
      return node;
    }
    if (target === '!here' || target === '!channel' || target === '!everyone') {
      const node = el('span', 'mk-mention me');
      node.textContent = '@' + target.slice(1);
      return node;
    }
    if (target.startsWith('!date^')) {
      return date(target, label, ctx);
    }
    const url = decode(target);
    if (/^(https?:|mailto:)/i.test(url)) {
      const link = el('a');
      link.href = url;
      link.target = '_blank';
      link.rel = 'noopener noreferrer';
      link.textContent = label !== null ? label : url.replace(/^mailto:/i, '');
      return link;
    }
    return document.createTextNode(label !== null ? label : decode('<' + inner + '>'));
  }

  function date(target, fallback, ctx) {
    const parts = target.split('^');
    const seconds = Number(parts[1]);
    if (!Number.isFinite(seconds) || !parts[2]) return document.createTextNode(fallback || '');
    const text = formatDate(seconds * 1000, parts[2], ctx);
    const node = parts[3] && /^https?:/i.test(parts[3]) ? el('a', 'mk-date') : el('span', 'mk-date');
    if (node.tagName === 'A') {
      node.href = parts[3];
      node.target = '_blank';
      node.rel = 'noopener noreferrer';
    }
    node.textContent = text;
    node.title = fallback || '';
    return node;
  }

  /** The parts of an instant in a time zone: year, month (0-11), day, weekday (0-6), hour, minute, second. */
  function partsIn(ms, zone) {
    const f = new Intl.DateTimeFormat('en-US', { timeZone: zone, year: 'numeric', month: 'numeric', day: 'numeric',
      weekday: 'short', hour: 'numeric', minute: 'numeric', second: 'numeric', hourCycle: 'h23' });
    const p = {};
    f.formatToParts(new Date(ms)).forEach((part) => { p[part.type] = part.value; });
    return { year: +p.year, month: +p.month - 1, day: +p.day,
      weekday: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(p.weekday),
      hour: +p.hour, minute: +p.minute, second: +p.second };
  }

  function ordinal(n) {
    const tens = n % 100;
    if (tens >= 11 && tens <= 13) return n + 'th';
    return n + (['th', 'st', 'nd', 'rd'][n % 10] || 'th');
  }

  function dayNumber(p) {
    return Date.UTC(p.year, p.month, p.day) / 86400000;
  }

  function clockTime(p, seconds) {
    const hour = p.hour % 12 === 0 ? 12 : p.hour % 12;
    const minute = String(p.minute).padStart(2, '0');
    const second = seconds ? ':' + String(p.second).padStart(2, '0') : '';
    return hour + ':' + minute + second + ' ' + (p.hour < 12 ? 'AM' : 'PM');
  }

  /** Slack's date tokens, in the viewer's time zone; "today", "yesterday", "tomorrow" by the demo's clock. */
  function formatDate(ms, format, ctx) {
    const p = partsIn(ms, ctx.zone);
    const today = partsIn(ctx.now, ctx.zone);
    const year = p.year === today.year ? '' : ', ' + p.year;
    const plain = {
      date_num: p.year + '-' + String(p.month + 1).padStart(2, '0') + '-' + String(p.day).padStart(2, '0'),
      date: MONTHS[p.month] + ' ' + ordinal(p.day) + year,
      date_short: MONTHS[p.month].slice(0, 3) + ' ' + p.day + year,
      date_long: DAYS[p.weekday] + ', ' + MONTHS[p.month] + ' ' + ordinal(p.day) + year,
      time: clockTime(p, false),
      time_secs: clockTime(p, true)
    };
    const distance = dayNumber(p) - dayNumber(today);
    const relative = distance === 0 ? 'today' : distance === -1 ? 'yesterday' : distance === 1 ? 'tomorrow' : null;
    plain.date_pretty = relative || plain.date;
    plain.date_short_pretty = relative || plain.date_short;
    plain.date_long_pretty = relative || plain.date_long;
    return format.replace(/\{(\w+)\}/g, (all, token) => (token in plain ? plain[token] : all));
  }

  window.Mrkdwn = { render, decode, formatDate, partsIn, clockTime };
})();
