/*
 * Block Kit, rendered from the JSON the app sent: header, section (text, fields, accessory), context, divider,
 * actions, image and, in modals, input blocks with their elements. Text objects go through Mrkdwn (mrkdwn) or
 * are shown as they are (plain_text).
 */
(function () {
  'use strict';

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function textObject(object, ctx) {
    const span = el('span');
    if (!object) return span;
    if (object.type === 'mrkdwn') span.append(Mrkdwn.render(object.text || '', ctx));
    else span.textContent = object.text || '';
    return span;
  }

  /**
   * Renders blocks. opts: { ctx, onAction(block, element, option) for buttons, selects and menus outside inputs,
   * inputs (array to collect modal fields into), errors ({ block_id: message }) }.
   */
  function render(blocks, opts) {
    const root = el('div', 'bk-blocks');
    (blocks || []).forEach((block) => {
      const node = renderBlock(block, opts);
      if (node) {
        node.dataset.blockId = block.block_id || '';
        root.append(node);
      }
    });
    return root;
  }

  function renderBlock(block, opts) {
    const ctx = opts.ctx;
    switch (block.type) {
      case 'header': {
        const node = el('div', 'bk-header');
        node.append(textObject(block.text, ctx));
        return node;
      }
      case 'section': {
        const node = el('div', 'bk-section');
        const main = el('div', 'bk-section-main');
        if (block.text) {
          const text = el('div', 'bk-text msg-text');
          text.append(textObject(block.text, ctx));
          main.append(text);
        }
        if (block.fields && block.fields.length) {
          const fields = el('div', 'bk-fields');
          block.fields.forEach((field) => {
            const cell = el('div', 'bk-field msg-text');
            cell.append(textObject(field, ctx));
            fields.append(cell);
          });
          main.append(fields);
        }
        node.append(main);
        if (block.accessory) {
          const accessory = el('div', 'bk-accessory');
          accessory.append(element(block.accessory, block, opts));
          node.append(accessory);
        }
        return node;
      }
      case 'context': {
        const node = el('div', 'bk-context');
        (block.elements || []).forEach((item) => {
          if (item.type === 'image') {
            const img = el('img');
            img.src = item.image_url || '';
            img.alt = item.alt_text || '';
            node.append(img);
          } else {
            node.append(textObject(item, ctx));
          }
        });
        return node;
      }
      case 'divider':
        return el('hr', 'bk-divider');
      case 'actions': {
        const node = el('div', 'bk-actions');
        (block.elements || []).forEach((item) => node.append(element(item, block, opts)));
        return node;
      }
      case 'image': {
        const node = el('figure', 'bk-image');
        node.style.margin = '0';
        if (block.title) node.append(el('div', 'bk-image-title', block.title.text));
        const img = el('img');
        img.src = block.image_url || '';
        img.alt = block.alt_text || '';
        node.append(img);
        return node;
      }
      case 'input':
        return input(block, opts);
      case 'rich_text': {
        const node = el('div', 'msg-text');
        node.textContent = richText(block);
        return node;
      }
      default:
        return el('div', 'bk-unsupported', 'This content can\u2019t be displayed.');
    }
  }

  function richText(block) {
    const walk = (items) => (items || []).map((item) => item.text || walk(item.elements)).join('');
    return walk(block.elements);
  }

  /** An interactive element outside an input block: clicking or choosing sends a block action. */
  function element(item, block, opts) {
    switch (item.type) {
      case 'button': {
        const button = el('button', 'bk-button' + (item.style ? ' ' + item.style : ''));
        button.type = 'button';
        button.textContent = item.text ? item.text.text : '';
        button.dataset.actionId = item.action_id || '';
        if (item.value !== undefined) button.dataset.value = item.value;
        button.addEventListener('click', () => {
          if (item.url) window.open(item.url, '_blank', 'noopener');
          const go = () => opts.onAction && opts.onAction(block, item, null, button);
          if (item.confirm) confirmThen(item.confirm, go);
          else go();
        });
        return button;
      }
      case 'static_select':
      case 'overflow': {
        const select = el('select', 'bk-select');
        select.dataset.actionId = item.action_id || '';
        const placeholder = el('option', null, item.type === 'overflow' ? '⋯' : (item.placeholder ? item.placeholder.text : 'Select an item'));
        placeholder.value = '';
        select.append(placeholder);
        options(item).forEach((option) => {
          const node = el('option', null, option.text.text);
          node.value = option.value;
          select.append(node);
        });
        select.addEventListener('change', () => {
          if (select.value && opts.onAction) opts.onAction(block, item, select.value, select);
        });
        return select;
      }
      case 'image': {
        const img = el('img');
        img.src = item.image_url || '';
        img.alt = item.alt_text || '';
        return img;
      }
      default:
        return el('span', 'bk-unsupported', 'This content can\u2019t be displayed.');
    }
  }

  function options(item) {
    if (item.options) return item.options;
    return (item.option_groups || []).flatMap((group) => group.options || []);
  }

  function confirmThen(confirm, go) {
    const title = confirm.title ? confirm.title.text : 'Are you sure?';
    const text = confirm.text ? confirm.text.text : '';
    if (window.confirm(title + (text ? '\n\n' + Mrkdwn.decode(text) : ''))) go();
  }

  /** An input block of a modal: its label, its field, and the message the app gave for it if any. */
  function input(block, opts) {
    const node = el('div', 'bk-input');
    const id = 'in-' + (block.block_id || Math.random().toString(36).slice(2));
    const label = el('label', 'bk-label');
    label.htmlFor = id;
    label.textContent = block.label ? block.label.text : '';
    if (block.optional) label.append(el('span', 'bk-optional', ' (optional)'));
    node.append(label);
    const item = block.element || {};
    let field;
    let read;
    switch (item.type) {
      case 'plain_text_input':
      case 'email_text_input':
      case 'url_text_input':
      case 'number_input': {
        field = el(item.multiline ? 'textarea' : 'input');
        if (!item.multiline) field.type = item.type === 'number_input' ? 'number' : 'text';
        if (item.placeholder) field.placeholder = item.placeholder.text;
        if (item.initial_value !== undefined) field.value = item.initial_value;
        if (item.max_length) field.maxLength = item.max_length;
        read = () => field.value;
        break;
      }
      case 'static_select': {
        field = el('select');
        const none = el('option', null, item.placeholder ? item.placeholder.text : 'Select an item');
        none.value = '';
        field.append(none);
        options(item).forEach((option) => {
          const node2 = el('option', null, option.text.text);
          node2.value = option.value;
          if (item.initial_option && item.initial_option.value === option.value) node2.selected = true;
          field.append(node2);
        });
        read = () => field.value;
        break;
      }
      case 'radio_buttons':
      case 'checkboxes': {
        field = el('div', 'bk-choices');
        const kind = item.type === 'radio_buttons' ? 'radio' : 'checkbox';
        options(item).forEach((option, i) => {
          const row = el('label');
          const box = el('input');
          box.type = kind;
          box.name = id;
          box.value = option.value;
          if (i === 0) box.id = id;
          row.append(box, textObject(option.text, opts.ctx));
          field.append(row);
        });
        read = () => {
          const checked = [...field.querySelectorAll('input:checked')].map((box) => box.value);
          return kind === 'radio' ? (checked[0] || '') : checked;
        };
        break;
      }
      case 'datepicker': {
        field = el('input');
        field.type = 'date';
        if (item.initial_date) field.value = item.initial_date;
        read = () => field.value;
        break;
      }
      default:
        field = el('div', 'bk-unsupported', 'This content can\u2019t be displayed.');
        read = () => null;
    }
    if (field.tagName !== 'DIV') field.id = id;
    field.dataset.actionId = item.action_id || '';
    node.append(field);
    if (block.hint) node.append(el('div', 'bk-hint', block.hint.text));
    const error = opts.errors && opts.errors[block.block_id];
    if (error) {
      node.classList.add('invalid');
      node.append(el('div', 'bk-error', error));
    }
    if (opts.inputs) {
      opts.inputs.push({ blockId: block.block_id, actionId: item.action_id, optional: !!block.optional,
        read, node, label: block.label ? block.label.text : '' });
    }
    return node;
  }

  window.BlockKit = { render, textObject };
})();
