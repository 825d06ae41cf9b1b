-- wrk script: each request asks for one of the portal's public pages at random.
local paths = {
  "/", "/plan/", "/plan/policies/1/", "/plan/projects/11/", "/about/",
  "/indicators/", "/indicators/0-1/", "/bodies/", "/centers/",
  "/open-data/", "/open-data/plan.json", "/open-data/center-usage.csv",
  "/en/", "/healthz",
}
request = function()
  return wrk.format("GET", paths[math.random(#paths)])
end
