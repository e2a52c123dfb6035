-- Argo CD health check for podblueprint.io/v1alpha1 PodBlueprint.
-- It reads only what the operator writes: status.observedGeneration, status.phase and the
-- kstatus conditions (Ready, Reconciling, Stalled, and Failed for a Job), each of which carries
-- the generation it describes (or, when a condition leaves it out, status.observedGeneration,
-- as kstatus reads it). It gives the verdict kstatus gives: Healthy for Current, Progressing for
-- InProgress, Degraded for Failed, and Suspended for a suspended CronJob (which kstatus reads as
-- Current). Edit this file, then run hack/argocd-cm.sh; `make test` runs it in Argo CD's own
-- evaluator (ArgoHealthFixturesTest, VerdictTableTest).
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
  hs.message = "Waiting for the operator to observe generation " .. tostring(generation)
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

if isTrue(reconciling) then
  hs.status = "Progressing"
  hs.message = describe(reconciling, "Reconciling")
  return hs
end

if status.phase == "Suspended" then
  hs.status = "Suspended"
  hs.message = describe(ready, "Suspended")
  return hs
end

if ready == nil then
  -- kstatus reads a status without Ready, Reconciling or Stalled as Current.
  hs.status = "Healthy"
  hs.message = "No Ready condition"
  return hs
end

-- The generation Ready describes: its own, or the status' when the condition leaves it out.
local describes = ready.observedGeneration
if describes == nil then
  describes = status.observedGeneration
end

if isTrue(ready) and (generation == nil or describes == nil or describes >= generation) then
  hs.status = "Healthy"
  hs.message = describe(ready, "Ready")
  return hs
end

hs.status = "Progressing"
if isTrue(ready) then
  hs.message = "Ready describes generation " .. tostring(describes) .. ", not " .. tostring(generation)
else
  hs.message = describe(ready, "Waiting for the blueprint to become ready")
end
return hs
