-- wrk script for bench/run_bench.py: every request asks for a random path from a file,
-- and every response's status and X-Page-Cache header (hit or miss) are counted.
--   wrk ... -s bench/realistic.lua http://127.0.0.1:PORT -- paths.txt SEED
-- done() prints "PAGE-CACHE hit=N", "PAGE-CACHE miss=N", "PAGE-CACHE none=N" (no header:
-- not cached, e.g. an error or a redirect) and "STATUS 200=N" lines for run_bench.py.

local threads = {}

function setup(thread)
  thread:set("number", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  paths = {}
  for line in io.lines(args[1]) do
    if #line > 0 then
      paths[#paths + 1] = line
    end
  end
  -- Each thread its own sequence; the same seed gives the same sequences.
  math.randomseed(tonumber(args[2] or "1") * 7919 + number)
  cache = { hit = 0, miss = 0, none = 0 }
  statuses = {}
end

function request()
  return wrk.format("GET", paths[math.random(#paths)])
end

function response(status, headers, body)
  local key = tostring(status)
  statuses[key] = (statuses[key] or 0) + 1
  local state = headers["X-Page-Cache"] or headers["x-page-cache"]
  if state == "hit" or state == "miss" then
    cache[state] = cache[state] + 1
  else
    cache.none = cache.none + 1
  end
end

function done(summary, latency, requests)
  local totals = { hit = 0, miss = 0, none = 0 }
  local all_statuses = {}
  for _, thread in ipairs(threads) do
    for state, count in pairs(thread:get("cache")) do
      totals[state] = totals[state] + count
    end
    for status, count in pairs(thread:get("statuses")) do
      all_statuses[status] = (all_statuses[status] or 0) + count
    end
  end
  for state, count in pairs(totals) do
    io.write(string.format("PAGE-CACHE %s=%d\n", state, count))
  end
  for status, count in pairs(all_statuses) do
    io.write(string.format("STATUS %s=%d\n", status, count))
  end
end
