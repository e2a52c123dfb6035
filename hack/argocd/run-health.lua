-- Runs an Argo CD health check against fixtures, the way Argo CD runs it: the script body is a
-- chunk that sees the resource as the global `obj` and ends with `return hs`.
--   lua5.1 hack/argocd/run-health.lua <health.lua> <manifest.lua>
-- The manifest (written by hack/test-lua.sh) returns
--   { same = { {name=, got=<path>, want=<path>}, ... },
--     fixtures = { {name=, expected=, message=, obj=}, ... } }
local check_path, manifest_path = arg[1], arg[2]
if check_path == nil or manifest_path == nil then
  io.stderr:write("usage: lua5.1 run-health.lua <health.lua> <manifest.lua>\n")
  os.exit(2)
end

local HEALTH = { Healthy = true, Progressing = true, Degraded = true, Suspended = true, Missing = true, Unknown = true }
local manifest = dofile(manifest_path)
local passed, failed = 0, 0

local function report(ok, line)
  if ok then
    passed = passed + 1
    print("ok    " .. line)
  else
    failed = failed + 1
    print("FAIL  " .. line)
  end
end

local function read(path)
  local f = io.open(path, "rb")
  if f == nil then
    return nil
  end
  local text = f:read("*a")
  f:close()
  return text
end

-- A fresh copy per fixture, so a check that writes into obj cannot leak into the next one.
local function copy(value)
  if type(value) ~= "table" then
    return value
  end
  local out = {}
  for k, v in pairs(value) do
    out[k] = copy(v)
  end
  return out
end

for _, same in ipairs(manifest.same or {}) do
  local got, want = read(same.got), read(same.want)
  report(got ~= nil and got == want, same.name)
end

local check, err = loadfile(check_path)
if check == nil then
  print("FAIL  " .. check_path .. " does not load: " .. tostring(err))
  print(string.format("lua: %d passed, %d failed", passed, failed + 1))
  os.exit(1)
end

for _, fixture in ipairs(manifest.fixtures) do
  local env = setmetatable({ obj = copy(fixture.obj) }, { __index = _G })
  setfenv(check, env)
  local ok, hs = pcall(check)
  if not ok then
    report(false, fixture.name .. ": error: " .. tostring(hs))
  elseif type(hs) ~= "table" or not HEALTH[hs.status] then
    report(false, fixture.name .. ": not a health status: " .. tostring(type(hs) == "table" and hs.status or hs))
  else
    local message = hs.message or ""
    local good = hs.status == fixture.expected
      and (fixture.message == nil or string.find(message, fixture.message, 1, true) ~= nil)
    local line = string.format("%s: %s (%s)", fixture.name, hs.status, message)
    if not good then
      line = line .. string.format(" -- want %s", fixture.expected)
      if fixture.message ~= nil then
        line = line .. string.format(" with message containing %q", fixture.message)
      end
    end
    report(good, line)
  end
end

print(string.format("lua: %d passed, %d failed", passed, failed))
if failed > 0 then
  os.exit(1)
end
