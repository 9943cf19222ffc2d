-- Drives Neovim's built-in LSP client against `asynclint lsp`, started by
-- the README's own Neovim snippet ($E2E_SNIPPET, extracted from README.md
-- by the test; `asynclint` is on $PATH): opens the file, waits for
-- diagnostics, applies the AL101 quick fix through
-- vim.lsp.buf.code_action, and writes what happened as JSON to $E2E_OUT.
local snippet, file, out = os.getenv('E2E_SNIPPET'), os.getenv('E2E_FILE'), os.getenv('E2E_OUT')
local result = { version = tostring(vim.version().major) .. '.' .. tostring(vim.version().minor) .. '.' .. tostring(vim.version().patch) }

local function finish(err)
  if err then
    result.error = tostring(err)
  end
  local f = assert(io.open(out, 'w'))
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.cmd(err and 'cquit! 1' or 'qall!')
end

local function run()
  dofile(snippet)
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local buf = vim.api.nvim_get_current_buf()
  -- The snippet's FileType autocommand starts and attaches the client.
  local client_id
  local function attached()
    local clients = vim.lsp.get_clients and vim.lsp.get_clients({ bufnr = buf }) or vim.lsp.buf_get_clients(buf)
    for _, c in pairs(clients) do
      if c.name == 'asynclint' then
        client_id = c.id
      end
    end
    return client_id ~= nil
  end
  if not vim.wait(10000, attached, 20) then
    error('the README snippet attached no asynclint client to the buffer')
  end

  if not vim.wait(30000, function() return #vim.diagnostic.get(buf) > 0 end, 20) then
    error('no diagnostics from asynclint within 30 s')
  end
  result.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(result.diagnostics, {
      code = d.code, lnum = d.lnum, col = d.col, end_col = d.end_col,
      severity = d.severity, source = d.source, message = d.message,
    })
  end

  -- Apply the quick fix the way a user does: cursor on the diagnostic,
  -- code action, pick the "Add `await`" entry from the menu.
  local first = vim.diagnostic.get(buf)[1]
  vim.api.nvim_win_set_cursor(0, { first.lnum + 1, first.col })
  result.offered = {}
  vim.ui.select = function(items, opts, on_choice)
    local pick
    for i, item in ipairs(items) do
      local title = opts.format_item and opts.format_item(item) or tostring(item)
      table.insert(result.offered, title)
      if not pick and title:find('await', 1, true) then
        pick = i
      end
    end
    on_choice(pick and items[pick] or nil, pick)
  end
  vim.lsp.buf.code_action()
  local line_nr = first.lnum
  if not vim.wait(10000, function()
    return vim.api.nvim_buf_get_lines(buf, line_nr, line_nr + 1, false)[1]:find('await', 1, true) ~= nil
  end, 20) then
    error('the quick fix was not applied; offered: ' .. vim.inspect(result.offered))
  end
  result.fixed_line = vim.api.nvim_buf_get_lines(buf, line_nr, line_nr + 1, false)[1]

  -- The edit reaches the server as didChange; its diagnostics clear.
  if not vim.wait(10000, function() return #vim.diagnostic.get(buf) == 0 end, 20) then
    error('diagnostics did not clear after the fix: ' .. vim.inspect(vim.diagnostic.get(buf)))
  end
  result.remaining = #vim.diagnostic.get(buf)
  vim.lsp.stop_client(client_id)
end

local ok, err = xpcall(run, debug.traceback)
finish(not ok and err or nil)
