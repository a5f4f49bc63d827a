-- wrk script for bench/at_work.py: readers asking a mix of pages while the newsroom works.
--
-- wrk ... -s bench/at_work.lua URL -- PATHS_FILE
-- PATHS_FILE has one "kind path" per line (kind: article, list, static). Each request takes the next
-- path of a shuffled list (every thread its own order). Counted per kind: requests, edge hits
-- (X-Cache: HIT, set by deploy/varnish/default.vcl), application page-cache hits (X-Page-Cache: HIT),
-- responses that were not 2xx/3xx/410. At the end one machine-readable line is printed.
local paths = {}
local kinds = {}
counts = {}  -- global: done() reads it from each thread
local threads = {}
local position = 0

setup = function(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

init = function(args)
  for line in io.lines(args[1]) do
    local kind, path = line:match("^(%S+)%s+(%S+)$")
    if kind then
      table.insert(kinds, kind)
      table.insert(paths, path)
    end
  end
  math.randomseed(os.time() + id * 7919)
  for i = #paths, 2, -1 do
    local j = math.random(i)
    paths[i], paths[j] = paths[j], paths[i]
    kinds[i], kinds[j] = kinds[j], kinds[i]
  end
  position = math.random(#paths) - 1
  counts = {}
end

local current = nil

request = function()
  position = position % #paths + 1
  current = kinds[position]
  return wrk.format(nil, paths[position])
end

local function add(name)
  counts[name] = (counts[name] or 0) + 1
end

response = function(status, headers, body)
  -- Flat names ("article requests"): wrk copies a thread's table to done() one level deep only.
  local kind = current or "other"
  add(kind .. " requests")
  if headers["X-Cache"] == "HIT" then add(kind .. " edge_hits") end
  if headers["X-Page-Cache"] == "HIT" then add(kind .. " app_hits") end
  if status >= 400 and status ~= 410 and status ~= 404 then add(kind .. " bad") end
end

done = function(summary, latency, requests)
  local totals = {}
  for _, thread in ipairs(threads) do
    for name, n in pairs(thread:get("counts")) do
      totals[name] = (totals[name] or 0) + n
    end
  end
  local parts = {}
  for name, n in pairs(totals) do
    table.insert(parts, string.format("\"%s\":%d", name, n))
  end
  local e = summary.errors
  io.write(string.format(
    "AT-WORK-JSON {\"requests\":%d,\"duration_us\":%d,\"p50_us\":%d,\"p99_us\":%d," ..
    "\"socket_errors\":%d,\"status_errors\":%d,\"counts\":{%s}}\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.connect + e.read + e.write + e.timeout, e.status, table.concat(parts, ",")))
end
