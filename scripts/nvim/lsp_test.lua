-- Drives "guidelint lsp" with Neovim's own LSP client (vim.lsp), as a
-- writer's editor does: open a guide with known defects, wait for the
-- diagnostics and check their rules and positions, hover, complete, apply
-- a quick fix, format, and stop. Run by scripts/test-neovim.sh; exits
-- non-zero on any mismatch.
local bin = assert(os.getenv('GUIDELINT_BIN'), 'GUIDELINT_BIN')
local file = assert(os.getenv('GUIDE_FILE'), 'GUIDE_FILE')
local failures = {}
local function fail(fmt, ...)
  table.insert(failures, string.format(fmt, ...))
end
local function finish()
  if #failures > 0 then
    io.stderr:write('neovim lsp test failed:\n  ' .. table.concat(failures, '\n  ') .. '\n')
    vim.cmd('cquit 1')
  end
  io.stdout:write('neovim lsp test passed\n')
  vim.cmd('qall!')
end

vim.cmd('edit ' .. vim.fn.fnameescape(file))
local buf = vim.api.nvim_get_current_buf()
local id = vim.lsp.start_client({
  name = 'guidelint',
  cmd = { bin, 'lsp', '--debounce', '50ms' },
  root_dir = vim.fn.fnamemodify(file, ':h'),
})
if not id then
  fail('start_client failed')
  finish()
end
vim.lsp.buf_attach_client(buf, id)
local client = vim.lsp.get_client_by_id(id)

local function diags_by_rule()
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
    out[code] = d
  end
  return out
end

-- 1. Diagnostics from the buffer, with rules and positions (0-based).
if not vim.wait(15000, function() return diags_by_rule()['stats-mismatch'] ~= nil end, 50) then
  fail('no stats-mismatch diagnostic within 15 s; got %s', vim.inspect(vim.diagnostic.get(buf)))
  finish()
end
local want = {
  ['stats-mismatch'] = { lnum = 5, col = 19, severity = vim.diagnostic.severity.ERROR },
  ['schema'] = { lnum = 9, col = 2, severity = vim.diagnostic.severity.ERROR },
}
local got = diags_by_rule()
for rule, w in pairs(want) do
  local d = got[rule]
  if not d then
    fail('no %s diagnostic', rule)
  elseif d.lnum ~= w.lnum or d.col ~= w.col or d.severity ~= w.severity then
    fail('%s at %d:%d severity %d, want %d:%d severity %d', rule, d.lnum, d.col, d.severity, w.lnum, w.col, w.severity)
  end
end
if got['schema'] and not got['schema'].message:find('did you mean "what"', 1, true) then
  fail('schema message %q lacks the did-you-mean', got['schema'].message)
end

local function params(line, character)
  return { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = { line = line, character = character } }
end

-- 2. Hover on a key: the schema's description.
local res = client.request_sync('textDocument/hover', params(6, 4), 5000, buf)
local value = res and res.result and res.result.contents and res.result.contents.value or ''
if not value:find('stats.estimated_hours', 1, true) then
  fail('hover on estimated_hours: %s', vim.inspect(res))
end

-- 3. Completion where a quiz answer goes: the question's options.
local answer_line
for i, l in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
  if l:find('answer: Tutorial', 1, true) then
    answer_line = i - 1
    break
  end
end
res = client.request_sync('textDocument/completion', params(answer_line, #'      answer: '), 5000, buf)
local labels = {}
local items = res and res.result and (res.result.items or res.result) or {}
for _, it in ipairs(items) do
  labels[it.label] = true
end
if not (labels['Tutorial'] and labels['How-to guide'] and labels['Reference'] and labels['Explanation']) then
  fail('completion of answer: %s', vim.inspect(labels))
end

-- 4. A code action: the certain fix for stats, applied.
local d = got['stats-mismatch']
res = client.request_sync('textDocument/codeAction', {
  textDocument = { uri = vim.uri_from_bufnr(buf) },
  range = { start = { line = d.lnum, character = d.col }, ['end'] = { line = d.end_lnum, character = d.end_col } },
  context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(buf, d.lnum) },
}, 5000, buf)
local action
for _, a in ipairs(res and res.result or {}) do
  if a.title == 'set stats.learning_phases to 3' then
    action = a
  end
end
if not action then
  fail('no fix among code actions: %s', vim.inspect(res))
else
  vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding)
  local line = vim.api.nvim_buf_get_lines(buf, 5, 6, false)[1]
  if line ~= '  learning_phases: 3' then
    fail('after the fix, line 6 is %q', line)
  end
  if not vim.wait(15000, function() return diags_by_rule()['stats-mismatch'] == nil end, 50) then
    fail('stats-mismatch still reported after the fix')
  end
end

-- 5. Formatting: the misspelt key goes after the known ones, nothing lost.
local before = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n')
res = client.request_sync('textDocument/formatting', { textDocument = { uri = vim.uri_from_bufnr(buf) }, options = { tabSize = 2, insertSpaces = true } }, 5000, buf)
if not res or res.err then
  fail('formatting: %s', vim.inspect(res))
else
  vim.lsp.util.apply_text_edits(res.result, buf, client.offset_encoding)
  local after = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n')
  if #after ~= #before then
    fail('formatting changed the length from %d to %d', #before, #after)
  end
  local lines = vim.api.nvim_buf_get_lines(buf, 9, 11, false)
  if not lines[1]:find('^  why:') then
    fail('after formatting, line 10 is %q, want "  why:" (the unknown key moved last)', lines[1])
  end
end

-- 6. Stop: shutdown and exit.
vim.lsp.stop_client(id)
if not vim.wait(5000, function() return vim.lsp.get_client_by_id(id) == nil end, 50) then
  fail('the server did not stop')
end
finish()
