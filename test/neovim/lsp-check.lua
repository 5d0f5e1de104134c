-- Neovim (0.7+) as a second, independent LSP client of the bundled server. Run headless, e.g.:
--   DCM_SERVER=dist/server.js DCM_FILE=/tmp/x/Dockerfile DCM_OUT=/tmp/x/result.json \
--     nvim --headless --clean -u NONE -c 'luafile test/neovim/lsp-check.lua'
-- It starts `node $DCM_SERVER --stdio`, opens $DCM_FILE, waits for the server's diagnostics, asks
-- for code actions on the first one whose code is $DCM_CODE, applies the preferred action's edit,
-- writes the file, waits for the re-analysis, and writes what it saw as JSON to $DCM_OUT (the first
-- diagnostics also go to stdout as JSON).
-- Optional: DCM_NODE (the node binary, default `node` from PATH), DCM_ROOT (a root_dir, i.e. a workspace folder; none when unset),
-- DCM_SETTINGS (JSON, answered to workspace/configuration), DCM_TIMEOUT_MS (default 15000).
-- Exit status: 0 when every step worked, 1 otherwise (the reason goes to stderr and into $DCM_OUT).

local function env(name, default)
  local v = os.getenv(name)
  if v == nil or v == '' then return default end
  return v
end

local SERVER = env('DCM_SERVER')
local FILE = env('DCM_FILE')
local OUT = env('DCM_OUT')
local CODE = env('DCM_CODE', 'CM001')
local ROOT = env('DCM_ROOT')
local TIMEOUT = tonumber(env('DCM_TIMEOUT_MS', '15000'))
local NODE = env('DCM_NODE', 'node')

local encode = (vim.json and vim.json.encode) or vim.fn.json_encode
local decode = (vim.json and vim.json.decode) or vim.fn.json_decode

local result = { steps = {}, serverLog = {} }

local function step(name) table.insert(result.steps, name) end

local function write_result()
  if not OUT then return end
  local f = io.open(OUT, 'w')
  if f then
    f:write(encode(result))
    f:close()
  end
end

local function fail(msg)
  error({ dcm = msg }, 0)
end

-- Waits on a condition (vim.wait runs the event loop, so LSP messages keep flowing); no fixed sleeps.
local function wait_for(what, cond)
  local ok = vim.wait(TIMEOUT, cond, 20)
  if not ok then fail('timed out after ' .. TIMEOUT .. ' ms waiting for ' .. what) end
end

-- The latest publishDiagnostics per URI, kept raw (LSP shape, with code and data) as the server sent it.
local published = {}
local publish_count = 0

local function main()
  if not SERVER or not FILE or not OUT then fail('set DCM_SERVER, DCM_FILE and DCM_OUT') end
  if vim.fn.filereadable(SERVER) ~= 1 then fail('server not found: ' .. SERVER) end
  if vim.fn.filereadable(FILE) ~= 1 then fail('file not found: ' .. FILE) end
  vim.lsp.set_log_level('warn')

  local settings = {}
  if env('DCM_SETTINGS') then settings = decode(env('DCM_SETTINGS')) end

  local initialized = false
  local exited = false
  local default_publish = vim.lsp.handlers['textDocument/publishDiagnostics']
  local client_id = vim.lsp.start_client({
    name = 'docker-cache-mounts',
    cmd = { NODE, SERVER, '--stdio' },
    root_dir = ROOT,
    settings = settings,
    handlers = {
      ['textDocument/publishDiagnostics'] = function(err, params, ctx, config)
        published[params.uri] = params
        publish_count = publish_count + 1
        return default_publish(err, params, ctx, config)
      end,
      ['window/logMessage'] = function(_, params)
        table.insert(result.serverLog, params.message)
      end,
    },
    on_init = function(client, init_result)
      -- Neovim 0.7 neither announces workspace/configuration nor pushes settings itself; its docs
      -- say to send didChangeConfiguration here (what nvim-lspconfig does). It precedes didOpen.
      if next(settings) ~= nil then
        client.notify('workspace/didChangeConfiguration', { settings = settings })
      end
      initialized = true
      result.serverInfo = init_result and init_result.serverInfo
      result.offsetEncoding = client.offset_encoding
    end,
    on_exit = function(code, signal)
      exited = true
      result.serverExit = { code = code, signal = signal }
    end,
  })
  if not client_id then fail('vim.lsp.start_client returned nil') end
  result.workspaceFolder = ROOT or vim.NIL
  step('started')

  vim.cmd('edit ' .. vim.fn.fnameescape(FILE))
  local bufnr = vim.api.nvim_get_current_buf()
  -- `-u NONE` turns filetype detection off; the filetype is the languageId Neovim sends in didOpen.
  vim.bo[bufnr].filetype = 'dockerfile'
  vim.lsp.buf_attach_client(bufnr, client_id)
  wait_for('the server to initialize', function() return initialized or exited end)
  if exited then fail('the server exited during initialization') end
  step('initialized')

  local uri = vim.uri_from_bufnr(bufnr)
  wait_for('diagnostics for ' .. uri, function() return published[uri] ~= nil end)
  local before = published[uri].diagnostics
  result.diagnostics = before
  io.stdout:write(encode(before), '\n')
  -- Neovim's own diagnostic store must hold them too (the default handler ran).
  result.nvimDiagnosticCount = #vim.diagnostic.get(bufnr)
  step('diagnostics')

  local target
  for _, d in ipairs(before) do
    if d.code == CODE then target = d break end
  end
  if not target then fail('no ' .. CODE .. ' diagnostic among ' .. #before) end

  local client = vim.lsp.get_client_by_id(client_id)
  local response, req_err = client.request_sync('textDocument/codeAction', {
    textDocument = { uri = uri },
    range = target.range,
    context = { diagnostics = { target } },
  }, TIMEOUT, bufnr)
  if not response then fail('codeAction request failed: ' .. tostring(req_err)) end
  if response.err then fail('codeAction error: ' .. encode(response.err)) end
  local actions = response.result or {}
  result.codeActions = {}
  local preferred
  for _, a in ipairs(actions) do
    table.insert(result.codeActions, { title = a.title, kind = a.kind, isPreferred = a.isPreferred == true })
    if a.isPreferred and a.edit and not preferred then preferred = a end
  end
  if not preferred then fail('no preferred code action with an edit among ' .. #actions) end
  result.applied = preferred.title
  step('codeAction')

  local count_before_edit = publish_count
  vim.lsp.util.apply_workspace_edit(preferred.edit, client.offset_encoding)
  vim.cmd('silent write')
  step('applied')

  -- The edit reaches the server as didChange; wait for its re-analysis of the fixed text.
  wait_for('diagnostics after the fix', function() return publish_count > count_before_edit end)
  local after = published[uri].diagnostics
  result.diagnosticsAfterFix = after
  for _, d in ipairs(after) do
    if d.code == CODE then fail(CODE .. ' is still reported after applying "' .. preferred.title .. '"') end
  end
  step('rechecked')

  vim.lsp.stop_client(client_id)
  wait_for('the server to exit', function() return exited end)
  step('stopped')
end

local ok, err = xpcall(main, function(e)
  if type(e) == 'table' and e.dcm then return e.dcm end
  return debug.traceback(tostring(e), 2)
end)
result.ok = ok
if not ok then
  result.error = err
  io.stderr:write('neovim LSP check failed: ' .. tostring(err) .. '\n')
end
write_result()
if ok then
  vim.cmd('qall!')
else
  vim.cmd('cquit 1')
end
