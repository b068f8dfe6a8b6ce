-- Drives `vibeguard lsp` with Neovim's built-in LSP client (Neovim 0.7+), headless.
-- Env: VG (vibeguard binary), FILE (the document), OUT (where to write the JSON log).
local vg, file, out = os.getenv("VG"), os.getenv("FILE"), os.getenv("OUT")
local log = {}

local function finish()
  vim.fn.writefile({ vim.fn.json_encode(log) }, out)
  vim.cmd("qa!")
end

local ok, err = pcall(function()
  local root = vim.fn.fnamemodify(file, ":h")
  local client_id = vim.lsp.start_client({ name = "vibeguard", cmd = { vg, "lsp" }, root_dir = root })
  vim.cmd("edit " .. vim.fn.fnameescape(file))
  local buf = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(buf, client_id)
  local uri = vim.uri_from_bufnr(buf)

  local function code_of(d)
    return d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
  end
  local function codes()
    local t = {}
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      table.insert(t, code_of(d))
    end
    table.sort(t)
    return t
  end
  local function find(code)
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      if code_of(d) == code then
        return d
      end
    end
  end
  local function actions_at(d)
    local client = vim.lsp.get_client_by_id(client_id)
    local params = {
      textDocument = { uri = uri },
      range = { start = { line = d.lnum, character = d.col }, ["end"] = { line = d.lnum, character = d.col } },
      context = { diagnostics = {} },
    }
    local resp = client.request_sync("textDocument/codeAction", params, 10000, buf)
    return (resp and resp.result) or {}
  end

  log.received = vim.wait(30000, function() return #vim.diagnostic.get(buf) >= 3 end, 50)
  log.first = codes()

  local sql = find("python/sql-injection")
  local client = vim.lsp.get_client_by_id(client_id)
  local hover = client.request_sync("textDocument/hover",
    { textDocument = { uri = uri }, position = { line = sql.lnum, character = sql.col } }, 10000, buf)
  log.hover = hover and hover.result and hover.result.contents and hover.result.contents.value or ""

  -- Apply the fix offered for disabled TLS verification.
  local tls = find("python/tls-verify-disabled")
  log.tls_actions = {}
  for _, a in ipairs(actions_at(tls)) do
    table.insert(log.tls_actions, a.title)
  end
  for _, a in ipairs(actions_at(tls)) do
    if a.isPreferred then
      vim.lsp.util.apply_workspace_edit(a.edit, "utf-16")
      break
    end
  end
  log.fix_gone = vim.wait(30000, function() return find("python/tls-verify-disabled") == nil end, 50)
  log.after_fix = codes()

  -- Accept the secret with an inline ignore (the action inserts the comment).
  local sec = find("secrets/gitlab-pat")
  for _, a in ipairs(actions_at(sec)) do
    if a.title:find("ignore", 1, true) then
      vim.lsp.util.apply_workspace_edit(a.edit, "utf-16")
      break
    end
  end
  log.ignore_gone = vim.wait(30000, function() return find("secrets/gitlab-pat") == nil end, 50)
  log.after_ignore = codes()
  log.lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
end)
if not ok then
  log.error = tostring(err)
end
finish()
