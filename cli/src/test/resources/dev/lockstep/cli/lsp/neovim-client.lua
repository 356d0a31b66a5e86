-- Drives lockstep's language server from Neovim's built-in LSP client (0.7 or later), headless:
-- opens a migration, waits for the diagnostics, asks for the code actions at the first one,
-- applies the preferred quick fix, saves, and waits for the diagnostics to clear.
-- Environment: LOCKSTEP_LSP_CMD (JSON list), LOCKSTEP_MIGRATION, LOCKSTEP_ROOT, LOCKSTEP_NVIM_OUT.
local result = {}

local function run()
  local cmd = vim.fn.json_decode(os.getenv('LOCKSTEP_LSP_CMD'))
  vim.cmd('edit ' .. vim.fn.fnameescape(os.getenv('LOCKSTEP_MIGRATION')))
  local bufnr = vim.api.nvim_get_current_buf()
  local client_id = vim.lsp.start_client({ name = 'lockstep', cmd = cmd, root_dir = os.getenv('LOCKSTEP_ROOT') })
  assert(client_id, 'the client did not start')
  vim.lsp.buf_attach_client(bufnr, client_id)

  result.diagnosed = vim.wait(60000, function() return #vim.diagnostic.get(bufnr) > 0 end, 50)
  result.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local lsp = d.user_data and d.user_data.lsp or {}
    table.insert(result.diagnostics, {
      lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col, severity = d.severity,
      message = d.message, source = d.source, code = d.code or lsp.code,
      href = lsp.codeDescription and lsp.codeDescription.href or vim.NIL,
    })
  end
  if not result.diagnosed then return end

  local first = vim.diagnostic.get(bufnr)[1]
  local client = vim.lsp.get_client_by_id(client_id)
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    range = { start = { line = first.lnum, character = first.col }, ['end'] = { line = first.lnum, character = first.col } },
    context = { diagnostics = {} },
  }
  local response = client.request_sync('textDocument/codeAction', params, 30000, bufnr)
  assert(response and not response.err, 'codeAction failed: ' .. vim.inspect(response))
  result.actions = {}
  local preferred
  for _, action in ipairs(response.result or {}) do
    table.insert(result.actions, { title = action.title, preferred = action.isPreferred == true })
    if action.isPreferred and not preferred then preferred = action end
  end

  local hover = client.request_sync('textDocument/hover', {
    textDocument = params.textDocument, position = params.range.start }, 30000, bufnr)
  result.hover = hover and hover.result and hover.result.contents.value or vim.NIL

  if preferred then
    vim.lsp.util.apply_workspace_edit(preferred.edit, 'utf-16')
    vim.cmd('write')
    result.cleared = vim.wait(60000, function() return #vim.diagnostic.get(bufnr) == 0 end, 50)
  end
  client.stop()
  result.stopped = vim.wait(20000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 50)
end

local ok, err = pcall(run)
if not ok then result.error = tostring(err) end
local out = io.open(os.getenv('LOCKSTEP_NVIM_OUT'), 'w')
out:write(vim.fn.json_encode(result))
out:close()
vim.cmd('qall!')
