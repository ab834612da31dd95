-- wrk script: every request is a join by a different signed-in user. Cookies come from the file
-- named by COOKIES; thread k of n takes lines k, k+n, k+2n, ...
local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("tid", counter)
  table.insert(threads, thread)
end

function init(args)
  nthreads = tonumber(os.getenv("THREADS") or "2")
  cookies = {}
  local i = 0
  for line in io.lines(os.getenv("COOKIES")) do
    if i % nthreads == tid - 1 then table.insert(cookies, line) end
    i = i + 1
  end
  next_cookie = 1
  path = os.getenv("JOIN_PATH")
  statuses = {}
end

function request()
  local cookie = cookies[next_cookie]
  if cookie == nil then
    cookie = "quorum_session=exhausted-exhausted-exhausted"
  end
  next_cookie = next_cookie + 1
  return wrk.format("POST", path, {
    ["Content-Type"] = "application/json",
    ["Cookie"] = cookie,
  }, '{"seats":1}')
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  io.stderr:write(string.format(
    '{"requests":%d,"durationUs":%d,"p50Us":%d,"p99Us":%d,"connectErrors":%d,"readErrors":%d,"writeErrors":%d,"timeouts":%d,"non2xx":%d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout, summary.errors.status))
end
