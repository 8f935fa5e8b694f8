// The filepicker of the applicant portal: a file chosen is uploaded at once to
// POST /api/v1/applications/{id}/attachments (a new application is saved as a draft first), and the
// field's value becomes what the server binds it to: the attachment's id, or the list of ids when the
// field takes several files. Uploaded files are listed by name, each with a remove button; the
// server's refusals (type, size, number) are shown beside the field in the page's language.
// Read-only (the case view), the files are listed as links to download.
import { Errors, FormContext, Label } from '@bpmn-io/form-js';
import { jsx, jsxs } from 'preact/jsx-runtime';
import { useContext, useRef, useState } from 'preact/hooks';

const words = {
  choose: ['选择文件上传', 'Choose a file to upload'],
  chooseMore: ['继续添加文件', 'Add more files'],
  uploading: ['正在上传…', 'Uploading…'],
  none: ['未上传文件', 'No file uploaded'],
  remove: ['删除', 'Remove'],
  failed: ['上传失败，请检查网络后重试', 'The upload failed; check the connection and try again'],
  removeFailed: ['删除失败，请重试', 'The file could not be removed; try again'],
  noDraft: ['请先改正表单中的错误并保存草稿，再上传文件', 'Correct the errors in the form and save the draft, then upload the file'],
  download: ['下载', 'Download'],
};

function say(uploads, key) {
  return words[key][uploads.english ? 1 : 0];
}

function size(bytes) {
  if (typeof bytes !== 'number') return '';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

// Every message of an RFC 9457 problem: the field errors, else its detail or title.
async function problemMessages(response, uploads) {
  try {
    const problem = await response.json();
    const fromFields = Object.values(problem.errors ?? {}).flat().filter((m) => typeof m === 'string');
    if (fromFields.length > 0) return fromFields;
    return [problem.detail ?? problem.title ?? say(uploads, 'failed')];
  } catch {
    return [say(uploads, 'failed')];
  }
}

function isMultiple(field) {
  return field.multiple === true || field.multiple === 'true';
}

function UploadingFilePicker(props) {
  const { field, value, onChange, domId, errors = [], disabled, readonly, fieldInstance } = props;
  const uploads = useContext(FormContext).getService('workflowsUploads');
  const input = useRef(null);
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState([]);
  const ids = value === null || value === undefined || value === '' ? [] : Array.isArray(value) ? value : [value];
  const multiple = isMultiple(field);
  const path = (fieldInstance?.valuePath ?? [field.key]).join('.');
  // In a dynamic list the path names the row (list.2.field); the value sent on saving says which row a file stays with.
  const locked = disabled || readonly || uploads.readOnly;
  const language = uploads.english ? 'en' : 'zh-CN';
  const errorId = `${domId}-error-message`;
  const shownErrors = [...errors, ...problems];

  const upload = async (chosen) => {
    if (chosen.length === 0) return;
    setBusy(true);
    setProblems([]);
    try {
      const applicationId = await uploads.ensureApplication();
      if (!applicationId) {
        setProblems([say(uploads, 'noDraft')]);
        return;
      }
      const body = new FormData();
      body.append('field', path);
      for (const file of chosen) body.append('files', file, file.name);
      const response = await fetch(`/api/v1/applications/${applicationId}/attachments`, {
        method: 'POST', body, credentials: 'same-origin', headers: { 'Accept-Language': language },
      });
      if (!response.ok) {
        setProblems(await problemMessages(response, uploads));
        return;
      }
      const added = await response.json();
      for (const file of added) uploads.files.set(file.id, file);
      const addedIds = added.map((f) => f.id);
      onChange({ value: multiple ? [...ids, ...addedIds] : addedIds[0] ?? null });
    } catch {
      setProblems([say(uploads, 'failed')]);
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };

  const remove = async (id) => {
    setBusy(true);
    setProblems([]);
    try {
      const response = await fetch(`/api/v1/attachments/${id}`, {
        method: 'DELETE', credentials: 'same-origin', headers: { 'Accept-Language': language },
      });
      if (!response.ok && response.status !== 404) {
        setProblems(await problemMessages(response, uploads));
        return;
      }
      uploads.files.delete(id);
      const rest = ids.filter((i) => i !== id);
      onChange({ value: multiple ? (rest.length ? rest : null) : null });
    } catch {
      setProblems([say(uploads, 'removeFailed')]);
    } finally {
      setBusy(false);
    }
  };

  const canAdd = !locked && (multiple || ids.length === 0);
  return jsxs('div', {
    class: ['fjs-form-field', 'fjs-form-field-filepicker', 'wf-upload', shownErrors.length ? 'fjs-has-errors' : '', readonly ? 'fjs-readonly' : '']
      .filter(Boolean).join(' '),
    'data-field': path,
    children: [
      jsx(Label, { htmlFor: canAdd ? domId : undefined, id: `${domId}-label`, label: field.label, required: field.validate?.required }),
      jsx('input', {
        type: 'file', class: 'fjs-hidden', ref: input, tabIndex: -1, 'aria-hidden': 'true', disabled: !canAdd || busy,
        multiple: multiple || undefined, accept: field.accept || undefined, 'data-upload-for': path,
        onChange: (event) => upload(Array.from(event.target.files ?? [])),
      }),
      ids.length > 0
        ? jsx('ul', {
          class: 'wf-upload-files', 'aria-labelledby': `${domId}-label`,
          children: ids.map((id) => {
            const file = uploads.files.get(id);
            const name = file?.fileName ?? id;
            return jsxs('li', {
              class: 'wf-upload-file',
              children: [
                jsx('a', { href: `/api/v1/attachments/${id}`, class: 'wf-upload-name', title: `${say(uploads, 'download')} ${name}`, children: name }),
                file ? jsx('span', { class: 'wf-upload-size', children: size(file.length) }) : null,
                locked ? null : jsx('button', {
                  type: 'button', class: 'fjs-button wf-upload-remove', disabled: busy, onClick: () => remove(id),
                  'aria-label': `${say(uploads, 'remove')} ${name}`, children: say(uploads, 'remove'),
                }),
              ],
            }, id);
          }),
        })
        : locked ? jsx('div', { class: 'wf-upload-none', children: say(uploads, 'none') }) : null,
      canAdd
        ? jsx('div', {
          class: 'fjs-filepicker-container',
          children: jsx('button', {
            type: 'button', id: domId, class: 'fjs-button fjs-filepicker-button wf-upload-choose', disabled: busy,
            'aria-describedby': shownErrors.length ? errorId : undefined,
            onClick: () => input.current?.click(),
            children: busy ? say(uploads, 'uploading') : say(uploads, ids.length ? 'chooseMore' : 'choose'),
          }),
        })
        : null,
      jsx(Errors, { id: errorId, errors: shownErrors }),
    ],
  });
}

UploadingFilePicker.config = {
  type: 'filepicker',
  keyed: true,
  label: 'File picker',
  group: 'basic-input',
  emptyValue: null,
  create: (options = {}) => ({ ...options }),
};

/** A form-js module: our filepicker in place of the stock one, and the page's upload settings as a service. */
export function uploadModule(uploads) {
  return {
    __init__: ['workflowsFilepicker'],
    workflowsUploads: ['value', uploads],
    workflowsFilepicker: ['type', class {
      static $inject = ['formFields'];
      constructor(formFields) {
        formFields.register('filepicker', UploadingFilePicker);
      }
    }],
  };
}
