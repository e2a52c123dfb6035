-- Argo CD health check for podblueprint.io/v1alpha1 PodBlueprint.
-- It reads only what the operator writes: status.observedGeneration, status.phase and the
-- kstatus conditions (Ready, Reconciling, Stalled, and Failed for a Job), each of which carries
-- the generation it describes. Edit this file, then run hack/argocd-cm.sh; test with
-- hack/test-lua.sh.
local hs = {}

local function find(conditions, type)
  for _, c in ipairs(conditions) do
    if c.type == type then
      return c
    end
  end
  return nil
end

local function isTrue(c)
  return c ~= nil and c.status == "True"
end

-- "Reason: message", the way kubectl describe prints a condition.
local function describe(c, fallback)
  if c == nil then
    return fallback
  end
  local text = c.reason or ""
  if c.message ~= nil and c.message ~= "" then
    if text ~= "" then
      text = text .. ": " .. c.message
    else
      text = c.message
    end
  end
  if text == "" then
    return fallback
  end
  return text
end

local status = obj.status
if status == nil or status.conditions == nil or #status.conditions == 0 then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator"
  return hs
end

local generation = obj.metadata.generation
if generation ~= nil and (status.observedGeneration == nil or status.observedGeneration < generation) then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to observe generation " .. generation
  return hs
end

local conditions = status.conditions
local ready = find(conditions, "Ready")
local stalled = find(conditions, "Stalled")
local failed = find(conditions, "Failed")
local reconciling = find(conditions, "Reconciling")

if isTrue(stalled) then
  hs.status = "Degraded"
  hs.message = describe(stalled, "Stalled")
  return hs
end

if isTrue(failed) then
  hs.status = "Degraded"
  hs.message = describe(failed, "Job failed")
  return hs
end

if status.phase == "Suspended" then
  hs.status = "Suspended"
  hs.message = describe(ready, "Suspended")
  return hs
end

if isTrue(ready) and (generation == nil or ready.observedGeneration == generation) then
  hs.status = "Healthy"
  hs.message = describe(ready, "Ready")
  return hs
end

-- A bare Pod that ran to completion is done, as Argo CD says of a Succeeded Pod.
if status.phase == "Succeeded" then
  hs.status = "Healthy"
  hs.message = describe(ready, "Succeeded")
  return hs
end

if status.phase == "Degraded" then
  hs.status = "Degraded"
  hs.message = describe(ready, "Degraded")
  return hs
end

if isTrue(reconciling) then
  hs.status = "Progressing"
  hs.message = describe(reconciling, "Reconciling")
  return hs
end

hs.status = "Progressing"
if isTrue(ready) then
  hs.message = "Ready describes generation " .. tostring(ready.observedGeneration) .. ", not " .. generation
else
  hs.message = describe(ready, "Waiting for the blueprint to become ready")
end
return hs
