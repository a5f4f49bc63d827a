-- wrk script: at the end of a run, print one machine-readable line that bench/loadtest.py reads.
-- Latencies are in microseconds; "status" counts responses that were not 2xx or 3xx.
--
-- With the argument "fresh" (wrk ... -- fresh), every request carries its own query string
-- (?fresh=1, ?fresh=2, ...): the server-side page cache never holds it, so the page is rendered from
-- the database every time (the "uncached" figures). Without it the same address is asked each time.
local fresh = false
local counter = 0
local threads = 0

setup = function(thread)
  threads = threads + 1
  thread:set("thread_number", threads)
end

init = function(args)
  fresh = args[1] == "fresh"
  -- Distinct in each thread and each run, so that no two requests ever share an address.
  counter = (os.time() % 100000) * 100000000 + thread_number * 10000000
end

request = function()
  if not fresh then
    return wrk.format()
  end
  counter = counter + 1
  local separator = string.find(wrk.path, "?", 1, true) and "&" or "?"
  return wrk.format(nil, wrk.path .. separator .. "fresh=" .. counter)
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "BENCH-JSON {\"requests\":%d,\"duration_us\":%d,\"bytes\":%d," ..
    "\"p50_us\":%d,\"p90_us\":%d,\"p95_us\":%d,\"p99_us\":%d,\"max_us\":%d," ..
    "\"errors\":{\"connect\":%d,\"read\":%d,\"write\":%d,\"status\":%d,\"timeout\":%d}}\n",
    summary.requests, summary.duration, summary.bytes,
    latency:percentile(50), latency:percentile(90), latency:percentile(95), latency:percentile(99),
    latency.max,
    e.connect, e.read, e.write, e.status, e.timeout))
end
