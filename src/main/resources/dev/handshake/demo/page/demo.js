/*
 * The demo's Slack-like client. It shows what the stand-in for Slack holds for the member you are (channels, the
 * app's messages and Home tab, ephemeral answers, modals) and turns what you do into the requests Slack would send
 * the app, through the demo's endpoints. It learns of changes by long-polling /demo/api/state.
 */
(function () {
  'use strict';

  const $ = (id) => document.getElementById(id);
  const S = {
    config: null, people: {}, channels: {}, groups: {}, user: null, state: null, version: -1, offset: 0, gen: 0,
    conversation: null, tab: 'home', thread: null, seen: {}, known: {}, paneKey: null, threadKey: null,
    modalKey: null, modalInputs: [], homeOpenedFor: null, busy: false
  };

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function initials(name) {
    return name.split(/\s+/).filter(Boolean).slice(0, 2).map((part) => part[0].toUpperCase()).join('');
  }

  function now() {
    return Date.now() + S.offset;
  }

  function zone() {
    return S.config.agreement.zone;
  }

  function ctx() {
    return { users: S.people, channels: S.channels, groups: S.groups, me: S.user, now: now(), zone: zone(),
      openChannel: (id) => open(id) };
  }

  // ---- talking to the demo

  async function api(path, body) {
    const response = await fetch('/demo/api/' + path, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body)
    });
    let answer = {};
    try {
      answer = await response.json();
    } catch (e) {
      answer = {};
    }
    if (!response.ok) throw new Error(answer.error || ('HTTP ' + response.status));
    return answer;
  }

  async function act(path, body, control) {
    if (control) control.disabled = true;
    try {
      await api(path, Object.assign({ user: S.user }, body));
      return true;
    } catch (e) {
      toast(e.message);
      return false;
    } finally {
      if (control) setTimeout(() => { control.disabled = false; }, 300);
    }
  }

  async function poll(gen) {
    while (gen === S.gen) {
      try {
        const response = await fetch('/demo/api/state?user=' + encodeURIComponent(S.user) + '&since=' + S.version,
          { cache: 'no-store' });
        if (gen !== S.gen) return;
        if (!response.ok) {
          await sleep(1000);
          continue;
        }
        apply(await response.json());
      } catch (e) {
        await sleep(1000);
      }
    }
  }

  function sleep(ms) {
    return new Promise((resolve) => setTimeout(resolve, ms));
  }

  function apply(state) {
    S.state = state;
    S.version = state.version;
    S.offset = state.clock.now - Date.now();
    render();
  }

  // ---- rendering

  function render() {
    if (!S.state) return;
    $('setup').classList.toggle('hidden', !!S.state.ready);
    document.body.dataset.ready = String(!!S.state.ready);
    renderClock();
    renderSidebar();
    renderPane();
    renderThread();
    renderModal();
    renderCalls();
  }

  function renderClock() {
    if (!S.state) return;
    const at = now();
    const f = new Intl.DateTimeFormat('en-US', { timeZone: zone(), weekday: 'short', month: 'short', day: 'numeric',
      year: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' });
    const p = {};
    f.formatToParts(new Date(at)).forEach((part) => { p[part.type] = part.value; });
    $('clock-time').textContent = p.weekday + ', ' + p.month + ' ' + p.day + ', ' + p.year + ' · ' + p.hour + ':'
      + p.minute + ' ' + p.dayPeriod + ' ' + p.timeZoneName;
    const state = $('clock-state');
    const open = S.state.clock.open || at >= S.state.clock.nextOpening;
    if (open) {
      state.textContent = 'Business hours: the SLA clock is running';
      state.classList.remove('closed');
    } else {
      const next = new Date(S.state.clock.nextOpening);
      const day = new Intl.DateTimeFormat('en-US', { timeZone: zone(), weekday: 'long' }).format(next);
      const time = Mrkdwn.clockTime(Mrkdwn.partsIn(next.getTime(), zone()), false);
      state.textContent = 'After hours: the SLA clock waits for ' + day + ' ' + time;
      state.classList.add('closed');
    }
  }

  function messagesOf(conversation) {
    return (S.state.messages[conversation] || []);
  }

  function latestTs(conversation) {
    const list = messagesOf(conversation);
    return list.length ? list[list.length - 1].ts : '0';
  }

  function seen() {
    S.seen[S.user] = S.seen[S.user] || {};
    return S.seen[S.user];
  }

  function renderSidebar() {
    const marks = seen();
    S.state.conversations.forEach((c) => {
      if (marks[c.id] === undefined) marks[c.id] = latestTs(c.id);
    });
    const channels = $('nav-channels');
    const apps = $('nav-apps');
    channels.replaceChildren();
    apps.replaceChildren();
    S.state.conversations.forEach((c) => {
      const item = el('li', 'nav-item');
      item.dataset.conversation = c.id;
      if (c.id === S.conversation) item.classList.add('active');
      const unread = messagesOf(c.id).filter((m) => m.ts > marks[c.id]);
      if (c.kind === 'channel') {
        item.append(el('span', 'hash', '#'), el('span', null, c.name));
        if (unread.length && c.id !== S.conversation) item.classList.add('unread');
        channels.append(item);
      } else {
        const icon = el('span', 'avatar small app app-icon', 'H');
        item.append(icon, el('span', null, c.name));
        const count = unread.filter((m) => !m.threadTs).length;
        if (count && !(c.id === S.conversation && S.tab === 'messages')) {
          item.classList.add('unread');
          item.append(el('span', 'badge', String(count)));
        }
        apps.append(item);
      }
      item.addEventListener('click', () => open(c.id));
    });
  }

  function conversation() {
    return S.state.conversations.find((c) => c.id === S.conversation) || S.state.conversations[0];
  }

  function renderPane() {
    const c = conversation();
    S.conversation = c.id;
    const showHome = c.kind === 'app' && S.tab === 'home';
    const key = JSON.stringify([S.user, c.id, S.tab, showHome ? S.state.home : messagesOf(c.id),
      S.state.ephemerals.filter((e) => e.conversation === c.id), dayOf(now())]);
    if (c.kind !== 'app' || S.tab === 'messages') seen()[c.id] = latestTs(c.id);
    if (key === S.paneKey) return;
    S.paneKey = key;
    renderHeader(c);
    const body = $('pane-body');
    const atBottom = body.scrollHeight - body.scrollTop - body.clientHeight < 48;
    const previousTop = body.scrollTop;
    body.replaceChildren();
    body.classList.toggle('home', showHome);
    $('composer-wrap').classList.toggle('hidden', showHome);
    if (showHome) {
      renderHome(body);
      body.scrollTop = previousTop;
      return;
    }
    const intro = el('div', 'intro');
    if (c.kind === 'channel') {
      intro.append(el('h2', null, '#' + c.name), el('p', null, 'This is the very beginning of #' + c.name + '. '
        + (c.topic || '')));
    } else {
      intro.append(el('h2', null, S.config.bot.name), el('p', null, 'Handshake writes to you here: leads assigned to '
        + 'you, reminders before a deadline, and what you ask it for.'));
    }
    body.append(intro);
    const top = messagesOf(c.id).filter((m) => !m.threadTs).map((m) => ({ kind: 'message', m }));
    const ephemerals = S.state.ephemerals.filter((e) => e.conversation === c.id && !e.threadTs)
      .map((e) => ({ kind: 'ephemeral', m: e }));
    const items = top.concat(ephemerals).sort((a, b) => (a.m.ts < b.m.ts ? -1 : a.m.ts > b.m.ts ? 1 : 0));
    let lastDay = null;
    let previous = null;
    items.forEach((item) => {
      const day = dayOf(tsMillis(item.m.ts));
      if (day !== lastDay) {
        body.append(dayDivider(tsMillis(item.m.ts)));
        lastDay = day;
        previous = null;
      }
      // Like Slack, a message right after another by the same author within five minutes goes without its header;
      // unlike Slack, a card (a message with blocks) keeps its own, so each handoff reads as one.
      const compact = item.kind === 'message' && previous && previous.kind === 'message'
        && previous.m.user === item.m.user && tsMillis(item.m.ts) - tsMillis(previous.m.ts) < 300000
        && !(item.m.blocks && item.m.blocks.length) && !(previous.m.blocks && previous.m.blocks.length);
      body.append(item.kind === 'message' ? messageNode(c.id, item.m, true, compact) : ephemeralNode(item.m));
      previous = item;
    });
    markKnown(c.id);
    if (atBottom || S.switched) body.scrollTop = body.scrollHeight;
    else body.scrollTop = previousTop;
    S.switched = false;
    $('composer-input').placeholder = c.kind === 'channel' ? 'Message #' + c.name : 'Message ' + S.config.bot.name;
  }

  function renderHeader(c) {
    const header = $('pane-header');
    header.replaceChildren();
    if (c.kind === 'channel') {
      header.append(el('span', 'pane-title', '# ' + c.name));
      if (c.topic) header.append(el('span', 'pane-topic', c.topic));
      return;
    }
    header.append(el('span', 'avatar small app', 'H'), el('span', 'pane-title', S.config.bot.name));
    const tabs = el('div', 'tabs');
    [['home', 'Home'], ['messages', 'Messages']].forEach(([id, label]) => {
      const tab = el('button', 'tab' + (S.tab === id ? ' active' : ''), label);
      tab.type = 'button';
      tab.dataset.tab = id;
      tab.addEventListener('click', () => {
        S.tab = id;
        S.paneKey = null;
        S.switched = true;
        if (id === 'home') homeOpened();
        render();
        remember();
      });
      tabs.append(tab);
    });
    header.append(tabs);
  }

  function renderHome(body) {
    const home = S.state.home;
    if (!home) {
      body.append(el('div', 'empty', 'Opening the Home tab…'));
      return;
    }
    body.append(BlockKit.render(home.blocks, {
      ctx: ctx(),
      onAction: (block, element, option, control) => act('click', { where: 'home', blockId: block.block_id,
        actionId: element.action_id, option }, control)
    }));
  }

  function homeOpened() {
    act('home', {});
  }

  function dayOf(ms) {
    const p = Mrkdwn.partsIn(ms, zone());
    return p.year + '-' + p.month + '-' + p.day;
  }

  function tsMillis(ts) {
    return Math.floor(parseFloat(ts) * 1000);
  }

  function dayDivider(ms) {
    const label = Mrkdwn.formatDate(ms, '{date_long_pretty}', ctx());
    const node = el('div', 'day');
    node.append(el('span', null, label.charAt(0).toUpperCase() + label.slice(1)));
    return node;
  }

  function time(ts) {
    return Mrkdwn.clockTime(Mrkdwn.partsIn(tsMillis(ts), zone()), false);
  }

  function author(userId) {
    if (userId === S.config.bot.id) return { name: S.config.bot.name, initials: 'H', className: 'app', app: true };
    const person = S.people[userId];
    if (!person) return { name: userId, initials: '?', color: '#616061' };
    return { name: person.realName, initials: initials(person.realName), color: person.color };
  }

  function avatar(who, small) {
    const node = el('div', 'avatar' + (small ? ' small' : '') + (who.className ? ' ' + who.className : ''),
      who.initials);
    if (who.color) node.style.background = who.color;
    return node;
  }

  function content(message, conversationId) {
    const box = el('div', 'msg-content');
    if (message.blocks && message.blocks.length) {
      box.append(BlockKit.render(message.blocks, {
        ctx: ctx(),
        onAction: (block, element, option, control) => act('click', message.id
          ? { where: 'ephemeral', ephemeral: message.id, blockId: block.block_id, actionId: element.action_id, option }
          : { where: 'message', conversation: conversationId, ts: message.ts, blockId: block.block_id,
            actionId: element.action_id, option }, control)
      }));
    } else {
      const text = el('div', 'msg-text');
      text.append(Mrkdwn.render(message.text, ctx()));
      box.append(text);
    }
    (message.files || []).forEach((file) => box.append(fileNode(file)));
    return box;
  }

  function messageNode(conversationId, message, withReplies, compact) {
    const who = author(message.user);
    const node = el('div', 'msg' + (compact ? ' compact' : ''));
    node.dataset.ts = message.ts;
    node.dataset.conversation = conversationId;
    const known = S.known[conversationId];
    if (known && known.get(message.ts) !== undefined && known.get(message.ts) !== signature(message)) {
      node.classList.add('flash');
    } else if (known && known.get(message.ts) === undefined) {
      node.classList.add('flash');
    }
    const main = el('div', 'msg-main');
    if (!compact) {
      const head = el('div', 'msg-head');
      head.append(el('span', 'msg-author', who.name));
      if (who.app) head.append(el('span', 'app-badge', 'APP'));
      head.append(el('span', 'msg-time', time(message.ts)));
      main.append(head);
    }
    main.append(content(message, conversationId));
    if (withReplies) {
      const replies = messagesOf(conversationId).filter((m) => m.threadTs === message.ts);
      if (replies.length) main.append(repliesNode(conversationId, message, replies));
    }
    node.append(compact ? el('div', 'gutter', time(message.ts).replace(/ [AP]M$/, '')) : avatar(who), main);
    return node;
  }

  function repliesNode(conversationId, parent, replies) {
    const node = el('button', 'replies');
    node.type = 'button';
    const users = [...new Set(replies.map((r) => r.user))].slice(0, 3);
    users.forEach((user) => node.append(avatar(author(user), true)));
    node.append(el('span', 'count', replies.length + (replies.length === 1 ? ' reply' : ' replies')));
    const last = replies[replies.length - 1];
    node.append(el('span', 'last', 'Last reply ' + Mrkdwn.formatDate(tsMillis(last.ts), '{date_short_pretty} at {time}',
      ctx())));
    node.addEventListener('click', () => {
      S.thread = { conversation: conversationId, ts: parent.ts };
      S.threadKey = null;
      render();
    });
    return node;
  }

  function ephemeralNode(message) {
    const fromSlackbot = message.sender === 'slackbot';
    const who = fromSlackbot ? { name: 'Slackbot', initials: 'S', className: 'slackbot' } : author(S.config.bot.id);
    const node = el('div', 'msg ephemeral');
    node.dataset.ephemeral = message.id;
    node.dataset.ts = message.ts;
    const main = el('div', 'msg-main');
    const only = el('div', 'only-you');
    only.append(el('span', null, '👁 Only visible to you'));
    const dismiss = el('a', null, 'Dismiss');
    dismiss.addEventListener('click', () => act('dismiss', { ephemeral: message.id }));
    only.append(dismiss);
    const head = el('div', 'msg-head');
    head.append(el('span', 'msg-author', who.name));
    if (who.app) head.append(el('span', 'app-badge', 'APP'));
    head.append(el('span', 'msg-time', time(message.ts)));
    main.append(only, head, content(message, message.conversation));
    node.append(avatar(who), main);
    return node;
  }

  function fileNode(file) {
    const node = el('div', 'file');
    const extension = (file.name.split('.').pop() || 'file').toUpperCase().slice(0, 4);
    const info = el('div');
    const title = el('a', 'file-title', file.title || file.name);
    title.href = file.url;
    title.setAttribute('download', file.name);
    info.append(title, el('div', 'file-meta', extension + ' · ' + size(file.size) + ' · ' + file.name));
    node.append(el('div', 'file-icon', extension), info);
    return node;
  }

  function size(bytes) {
    return bytes < 1024 ? bytes + ' B' : bytes < 1048576 ? Math.round(bytes / 1024) + ' KB'
      : (bytes / 1048576).toFixed(1) + ' MB';
  }

  function signature(message) {
    return message.text + '|' + JSON.stringify(message.blocks);
  }

  function markKnown(conversationId) {
    const map = new Map();
    messagesOf(conversationId).forEach((m) => map.set(m.ts, signature(m)));
    S.known[conversationId] = map;
  }

  // ---- thread

  function renderThread() {
    const aside = $('thread');
    if (!S.thread) {
      aside.classList.add('hidden');
      return;
    }
    const parent = messagesOf(S.thread.conversation).find((m) => m.ts === S.thread.ts);
    const replies = messagesOf(S.thread.conversation).filter((m) => m.threadTs === S.thread.ts);
    const ephemerals = S.state.ephemerals.filter((e) => e.conversation === S.thread.conversation
      && e.threadTs === S.thread.ts);
    const key = JSON.stringify([S.user, S.thread, parent, replies, ephemerals, dayOf(now())]);
    aside.classList.remove('hidden');
    if (key === S.threadKey) return;
    S.threadKey = key;
    aside.replaceChildren();
    const header = el('div', 'thread-header');
    const title = el('div');
    const channel = S.channels[S.thread.conversation];
    title.append(el('span', 'thread-title', 'Thread'), el('span', 'thread-where',
      channel ? '#' + channel.name : S.config.bot.name));
    const close = el('button', 'icon-button', '×');
    close.type = 'button';
    close.title = 'Close';
    close.addEventListener('click', () => {
      S.thread = null;
      render();
    });
    header.append(title, close);
    const body = el('div', 'thread-body');
    if (parent) body.append(messageNode(S.thread.conversation, parent, false));
    const sep = el('div', 'thread-sep', replies.length + (replies.length === 1 ? ' reply' : ' replies'));
    body.append(sep);
    replies.map((m) => ({ m, node: messageNode(S.thread.conversation, m, false) }))
      .concat(ephemerals.map((m) => ({ m, node: ephemeralNode(m) })))
      .sort((a, b) => (a.m.ts < b.m.ts ? -1 : 1))
      .forEach((item) => body.append(item.node));
    const wrap = el('div', 'composer-wrap');
    const form = el('form', 'composer');
    const input = el('textarea');
    input.rows = 1;
    input.placeholder = 'Reply…';
    const send = el('button', 'send', '➤');
    send.type = 'submit';
    form.append(input, send);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      sendLine(input, S.thread.conversation, S.thread.ts);
    });
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey) {
        event.preventDefault();
        sendLine(input, S.thread.conversation, S.thread.ts);
      }
    });
    wrap.append(form);
    aside.append(header, body, wrap);
    body.scrollTop = body.scrollHeight;
  }

  // ---- modals

  function renderModal() {
    const root = $('modal-root');
    const modals = S.state.modals || [];
    const top = modals[modals.length - 1];
    const key = top ? JSON.stringify([top.id, top.hash, top.errors]) : null;
    if (key === S.modalKey) return;
    const kept = top && top.id === S.modalId ? readInputs() : null;
    S.modalKey = key;
    S.modalId = top ? top.id : null;
    root.replaceChildren();
    S.modalInputs = [];
    if (!top) return;
    const overlay = el('div', 'overlay');
    const modal = el('div', 'modal');
    modal.dataset.viewId = top.id;
    modal.dataset.callbackId = top.callback_id || '';
    const head = el('div', 'modal-head');
    head.append(el('span', 'avatar small app', 'H'), el('div', 'modal-title', top.title ? top.title.text : ''));
    const close = el('button', 'icon-button', '×');
    close.type = 'button';
    close.title = 'Close';
    close.addEventListener('click', () => act('close', { viewId: top.id }));
    head.append(close);
    const body = el('div', 'modal-body');
    body.append(BlockKit.render(top.blocks, { ctx: ctx(), inputs: S.modalInputs, errors: top.errors || {},
      onAction: () => toast('This demo sends block actions from messages and the Home tab only.') }));
    const foot = el('div', 'modal-foot');
    const problem = el('div', 'modal-problem');
    foot.append(problem);
    const cancel = el('button', 'plain', top.close ? top.close.text : 'Cancel');
    cancel.type = 'button';
    cancel.addEventListener('click', () => act('close', { viewId: top.id }));
    foot.append(cancel);
    if (top.submit) {
      const submit = el('button', 'primary', top.submit.text);
      submit.type = 'button';
      submit.dataset.role = 'submit';
      submit.addEventListener('click', () => submitModal(top, submit, problem));
      foot.append(submit);
    }
    modal.append(head, body, foot);
    overlay.append(modal);
    root.append(overlay);
    if (kept) restoreInputs(kept);
    const first = body.querySelector('input, select, textarea');
    if (first) first.focus();
  }

  function readInputs() {
    const values = {};
    S.modalInputs.forEach((input) => { values[input.blockId] = input.read(); });
    return values;
  }

  function restoreInputs(values) {
    S.modalInputs.forEach((input) => {
      const value = values[input.blockId];
      if (value === undefined || value === null) return;
      const field = input.node.querySelector('input:not([type=radio]):not([type=checkbox]), select, textarea');
      if (field && typeof value === 'string') field.value = value;
      input.node.querySelectorAll('input[type=radio], input[type=checkbox]').forEach((box) => {
        box.checked = Array.isArray(value) ? value.includes(box.value) : box.value === value;
      });
    });
  }

  async function submitModal(view, button, problem) {
    const values = {};
    let missing = false;
    S.modalInputs.forEach((input) => {
      const value = input.read();
      const empty = value === null || value === '' || (Array.isArray(value) && !value.length);
      input.node.classList.remove('invalid');
      const old = input.node.querySelector('.bk-error');
      if (old) old.remove();
      if (empty && !input.optional) {
        missing = true;
        input.node.classList.add('invalid');
        input.node.append(el('div', 'bk-error', 'Please complete this required field.'));
      }
      values[input.blockId] = values[input.blockId] || {};
      values[input.blockId][input.actionId] = value;
    });
    if (missing) return;
    problem.textContent = '';
    button.disabled = true;
    try {
      await api('submit', { user: S.user, viewId: view.id, values });
    } catch (e) {
      problem.textContent = e.message;
    } finally {
      button.disabled = false;
    }
  }

  // ---- the Web API calls panel

  function renderCalls() {
    const calls = S.state.calls || [];
    $('api-count').textContent = '(' + calls.length + ')';
    const list = $('api-calls');
    list.replaceChildren();
    calls.slice().reverse().forEach((call) => {
      const item = el('li');
      const p = Mrkdwn.partsIn(call.at, zone());
      const day = dayOf(call.at) === dayOf(now()) ? ''
        : ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][p.weekday] + ' ';
      item.append(el('span', 'at', day + String(p.hour).padStart(2, '0') + ':' + String(p.minute).padStart(2, '0')),
        el('span', 'method', call.method), el('span', 'where', where(call.conversation)));
      item.append(el('span', call.error ? 'error' : 'where', call.error || 'ok'));
      list.append(item);
    });
  }

  function where(id) {
    if (!id) return '';
    if (S.channels[id]) return '#' + S.channels[id].name;
    if (id.startsWith('#')) return id;
    const person = S.people[id] || S.people['U' + id.slice(1)];
    if (person) return (id.startsWith('D') ? 'DM ' : '') + '@' + person.handle;
    return id;
  }

  // ---- composer

  async function sendLine(input, conversation, threadTs) {
    const text = input.value;
    if (!text.trim()) return;
    input.disabled = true;
    const sent = await act('type', { conversation, text, threadTs: threadTs || null });
    input.disabled = false;
    if (sent) {
      input.value = '';
      suggest();
    }
    input.focus();
  }

  function suggest() {
    const box = $('suggest');
    const text = $('composer-input').value;
    const command = S.config.command;
    if (!text.startsWith('/') || text.includes(' ') || !command.name.startsWith(text.toLowerCase())) {
      box.classList.add('hidden');
      return;
    }
    box.replaceChildren();
    const item = el('div', 'suggest-item active');
    item.append(el('span', 'cmd', command.name), el('span', 'hint', command.usageHint),
      el('span', 'from', S.config.bot.name));
    item.title = command.description;
    item.addEventListener('mousedown', (event) => {
      event.preventDefault();
      $('composer-input').value = command.name + ' ';
      suggest();
      $('composer-input').focus();
    });
    box.append(item);
    box.classList.remove('hidden');
  }

  function renderHint() {
    const hint = $('composer-hint');
    hint.replaceChildren(el('span', null, 'Try '));
    ['mql', 'stats', 'goals', 'help'].forEach((word, i) => {
      const chip = el('code', null, S.config.command.name + ' ' + word);
      chip.addEventListener('click', () => {
        $('composer-input').value = S.config.command.name + ' ' + word;
        $('composer-input').focus();
      });
      if (i) hint.append(' ');
      hint.append(chip);
    });
    hint.append(el('span', null, ' · the answer is visible only to you'));
  }

  // ---- navigation and people

  /** The address names what is open (#sales-leads, #home, #messages), so a link or a reload lands there. */
  function remember() {
    const channel = S.channels[S.conversation];
    const hash = '#' + (channel ? channel.name : S.tab);
    if (location.hash !== hash) history.replaceState(null, '', hash);
  }

  function fromAddress() {
    const name = decodeURIComponent(location.hash.slice(1));
    const channel = S.config.channels.find((c) => c.name === name);
    if (channel) {
      S.conversation = channel.id;
    } else if (name === 'home' || name === 'messages') {
      S.conversation = 'D' + S.user.slice(1);
      S.tab = name;
    }
  }

  function open(id) {
    if (S.conversation !== id) {
      S.conversation = id;
      S.paneKey = null;
      S.switched = true;
      S.thread = null;
    }
    const c = S.state && S.state.conversations.find((x) => x.id === id);
    if (c && c.kind === 'app' && S.tab === 'home') homeOpened();
    render();
    remember();
  }

  function switchUser(user) {
    S.user = user;
    S.version = -1;
    S.gen++;
    S.paneKey = null;
    S.threadKey = null;
    S.modalKey = null;
    S.thread = null;
    S.switched = true;
    const dm = 'D' + user.slice(1);
    if (S.conversation && S.conversation.startsWith('D')) S.conversation = dm;
    try {
      localStorage.setItem('handshake-demo-user', user);
    } catch (e) {
      // Storage can be off; the switcher still works for this page.
    }
    poll(S.gen);
    if (S.conversation === dm && S.tab === 'home') homeOpened();
  }

  function toast(message) {
    const node = $('toast');
    node.textContent = message;
    node.classList.remove('hidden');
    clearTimeout(toast.timer);
    toast.timer = setTimeout(() => node.classList.add('hidden'), 4500);
  }

  // ---- the sample lead form

  async function openSample() {
    let lead;
    try {
      const response = await fetch('/demo/api/sample-lead', { cache: 'no-store' });
      lead = await response.json();
    } catch (e) {
      toast('Could not prepare a sample lead: ' + e.message);
      return;
    }
    const intake = S.config.intake;
    const root = $('sample-root');
    root.replaceChildren();
    const overlay = el('div', 'overlay');
    const dialog = el('div', 'modal sample');
    dialog.id = 'sample';
    const head = el('div', 'modal-head');
    const titles = el('div');
    titles.style.flex = '1';
    titles.append(el('div', 'modal-title', 'Send a sample lead'),
      el('div', 'sample-sub', 'As marketing\u2019s automation would: POST ' + intake.path
        + ' with the demo\u2019s token. Edit anything.'));
    const close = el('button', 'icon-button', '×');
    close.type = 'button';
    close.addEventListener('click', () => root.replaceChildren());
    head.append(titles, close);
    const body = el('div', 'modal-body');
    const grid = el('div', 'sample-grid');
    const field = (label, name, value, type, wide) => {
      const wrap = el('label', wide ? 'wide' : null);
      wrap.append(el('span', null, label));
      const input = el(type === 'textarea' ? 'textarea' : 'input');
      if (type !== 'textarea') input.type = type || 'text';
      input.name = name;
      input.value = value === undefined || value === null ? '' : value;
      wrap.append(input);
      grid.append(wrap);
      return input;
    };
    const l = lead.lead;
    field('Name', 'name', l.name);
    field('Company', 'company', l.company);
    field('Title', 'title', l.title);
    field('Email', 'email', l.email, 'email');
    const personaWrap = el('label');
    personaWrap.append(el('span', null, 'Persona'));
    const persona = el('select');
    persona.name = 'persona';
    persona.append(new Option('(none)', ''));
    intake.personas.forEach((p) => persona.append(new Option(p.name, p.id, false, p.id === l.persona)));
    personaWrap.append(persona);
    grid.append(personaWrap);
    field('Fit score', 'score', l.score, 'number');
    field('Source', 'source', l.source);
    const assigneeWrap = el('label');
    assigneeWrap.append(el('span', null, 'Assignee'));
    const assignee = el('select');
    assignee.name = 'assignee';
    const salesChannel = S.channels[S.config.agreement.salesChannel];
    assignee.append(new Option('Nobody: anyone in #' + (salesChannel ? salesChannel.name : 'sales') + ' decides', ''));
    const byId = el('optgroup');
    byId.label = 'By Slack user id';
    const byEmail = el('optgroup');
    byEmail.label = 'By email (the app looks it up in Slack)';
    intake.assignees.forEach((id) => {
      const person = S.people[id];
      if (!person) return;
      byId.append(new Option('@' + person.handle + ' (' + person.realName + ')', id, false, id === S.user));
      byEmail.append(new Option(person.email, person.email));
    });
    assignee.append(byId, byEmail);
    assigneeWrap.append(assignee);
    grid.append(assigneeWrap);
    field('Note for sales', 'note', lead.note, 'textarea', true);
    const criteria = el('fieldset', 'wide');
    criteria.append(el('legend', null, 'Why it qualified'));
    intake.criteria.forEach((criterion) => {
      const row = el('label');
      const box = el('input');
      box.type = 'checkbox';
      box.value = criterion;
      box.checked = (lead.criteria_met || []).includes(criterion);
      row.append(box, el('span', null, criterion));
      criteria.append(row);
    });
    grid.append(criteria);
    body.append(grid);
    const answer = el('div', 'answer hidden');
    answer.id = 'sample-answer';
    body.append(answer);
    const foot = el('div', 'modal-foot');
    const cancel = el('button', 'plain', 'Close');
    cancel.type = 'button';
    cancel.addEventListener('click', () => root.replaceChildren());
    const send = el('button', 'primary', 'Send to POST ' + intake.path);
    send.type = 'button';
    send.id = 'sample-send';
    foot.append(cancel, send);
    send.addEventListener('click', async () => {
      const value = (name) => grid.querySelector('[name=' + name + ']').value.trim();
      const handoff = { id: lead.id, stage: intake.stage, lead: { name: value('name') } };
      [['email', 'email'], ['title', 'title'], ['company', 'company'], ['source', 'source']].forEach(([k, n]) => {
        if (value(n)) handoff.lead[k] = value(n);
      });
      if (persona.value) handoff.lead.persona = persona.value;
      if (value('score') !== '') handoff.lead.score = Number(value('score'));
      if (l.crm_url) handoff.lead.crm_url = l.crm_url;
      if (assignee.value) handoff.assignee = assignee.value;
      if (value('note')) handoff.note = value('note');
      handoff.criteria_met = [...criteria.querySelectorAll('input:checked')].map((box) => box.value);
      send.disabled = true;
      try {
        const response = await fetch(intake.path, { method: 'POST', headers: { 'Content-Type': 'application/json',
          Authorization: 'Bearer ' + intake.token }, body: JSON.stringify(handoff) });
        const text = await response.text();
        showAnswer(answer, response, text, handoff);
        if (response.status === 202 || response.status === 200) {
          lead.id = 'demo-' + Date.now().toString(36);
          send.textContent = 'Send again as a new lead';
        }
      } catch (e) {
        toast('The request failed: ' + e.message);
      } finally {
        send.disabled = false;
      }
    });
    dialog.append(head, body, foot);
    overlay.append(dialog);
    root.append(overlay);
  }

  function showAnswer(box, response, text, request) {
    box.replaceChildren();
    box.classList.remove('hidden');
    const head = el('div', 'answer-head');
    const ok = response.status >= 200 && response.status < 300;
    const status = el('span', 'status ' + (ok ? 'ok' : 'bad'), 'HTTP ' + response.status);
    status.id = 'sample-status';
    head.append(status, el('span', null, ok ? 'The lead is stored; the app posts it to Slack now.'
      : 'The app refused the lead: the answer says why.'));
    if (ok) {
      const show = el('a', null, 'Show #' + (S.channels[S.config.agreement.salesChannel] || { name: 'sales' }).name);
      show.href = '#';
      show.style.marginLeft = 'auto';
      show.addEventListener('click', (event) => {
        event.preventDefault();
        $('sample-root').replaceChildren();
        open(S.config.agreement.salesChannel);
      });
      head.append(show);
    }
    let pretty = text;
    try {
      pretty = JSON.stringify(JSON.parse(text), null, 2);
    } catch (e) {
      // Not JSON: shown as it came.
    }
    const body = el('pre', null, pretty);
    body.id = 'sample-body';
    const details = el('details');
    details.append(el('summary', null, 'The request'), el('pre', null, 'POST ' + S.config.intake.path
      + '\nAuthorization: Bearer ' + S.config.intake.token + '\nContent-Type: application/json\n\n'
      + JSON.stringify(request, null, 2)));
    box.append(head, body, details);
    box.scrollIntoView({ block: 'nearest' });
  }

  // ---- start

  async function start() {
    const response = await fetch('/demo/api/workspace', { cache: 'no-store' });
    S.config = await response.json();
    S.config.people.forEach((p) => { S.people[p.id] = p; });
    S.config.channels.forEach((c) => { S.channels[c.id] = c; });
    S.config.groups.forEach((g) => { S.groups[g.id] = g; });
    $('workspace-name').textContent = S.config.team.name;
    $('workspace-sub').textContent = S.config.agreement.name + ' · v' + S.config.agreement.version;
    document.title = 'Handshake demo · ' + S.config.team.name;
    const who = $('who');
    S.config.people.forEach((p) => who.append(new Option('@' + p.handle + ' (' + p.role + ')', p.id)));
    let user = null;
    try {
      user = localStorage.getItem('handshake-demo-user');
    } catch (e) {
      user = null;
    }
    S.user = S.people[user] ? user : S.config.people[0].id;
    who.value = S.user;
    who.addEventListener('change', () => switchUser(who.value));
    S.conversation = S.config.agreement.salesChannel || S.config.channels[0].id;
    fromAddress();
    if (S.conversation.startsWith('D') && S.tab === 'home') homeOpened();
    renderHint();
    document.querySelectorAll('.step').forEach((button) => button.addEventListener('click', async () => {
      const steps = document.querySelectorAll('.step');
      steps.forEach((b) => { b.disabled = true; });
      try {
        await api('clock', { step: button.dataset.step });
      } catch (e) {
        toast(e.message);
      } finally {
        steps.forEach((b) => { b.disabled = false; });
      }
    }));
    $('sample-open').addEventListener('click', openSample);
    const input = $('composer-input');
    input.addEventListener('input', () => {
      suggest();
      input.style.height = 'auto';
      input.style.height = Math.min(input.scrollHeight, 160) + 'px';
    });
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Tab' && !$('suggest').classList.contains('hidden')) {
        event.preventDefault();
        input.value = S.config.command.name + ' ';
        suggest();
      } else if (event.key === 'Enter' && !event.shiftKey) {
        event.preventDefault();
        sendLine(input, S.conversation, null);
      }
    });
    $('composer').addEventListener('submit', (event) => {
      event.preventDefault();
      sendLine(input, S.conversation, null);
    });
    document.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape') return;
      if ($('sample-root').firstChild) {
        $('sample-root').replaceChildren();
        return;
      }
      const modals = S.state && S.state.modals;
      if (modals && modals.length) act('close', { viewId: modals[modals.length - 1].id });
    });
    setInterval(renderClock, 1000);
    S.gen++;
    poll(S.gen);
  }

  document.addEventListener('DOMContentLoaded', () => {
    start().catch((e) => toast('The demo could not start: ' + e.message));
  });
})();
