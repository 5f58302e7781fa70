#!/usr/bin/env python3
"""Dashboard timings: a designer of every programme (made with the real
`siang staff` command) signs in, then the cross-programme overview, one
programme's dashboard (plain, compared, as a report), its public results page
and its youth page are each requested `n` times on loopback; prints the
median and 95th percentile of the whole response time (the server's time
plus a loopback round trip). Standard library only.

    dashboards.py <base-url> <siang-binary> [n]
"""
import http.cookiejar, re, statistics, subprocess, sys, time, urllib.parse, urllib.request

base, siang = sys.argv[1], sys.argv[2]
n = int(sys.argv[3]) if len(sys.argv) > 3 else 60
email = f"bench-{int(time.time())}@bench.test"
link = subprocess.run([siang, "staff", "add", "--email", email, "--role", "designer"],
                      capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1]
link = urllib.parse.urlsplit(link)
jar = http.cookiejar.CookieJar()
web = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
headers = {"Content-Type": "application/x-www-form-urlencoded", "Sec-Fetch-Site": "same-origin"}
password = "correct horse battery staple 1987"

def post(path, fields):
    req = urllib.request.Request(base + path, data=urllib.parse.urlencode(fields).encode(), headers=headers)
    return web.open(req).read()

page = web.open(base + link.path + "?" + link.query).read().decode()
hidden = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page))
post(link.path + "?" + link.query, {**hidden, "password": password, "confirm": password})
post("/en/staff/sign-in", {"email": email, "password": password})

def timed(path):
    times = []
    for i in range(n + 5):
        start = time.perf_counter()
        with web.open(base + path) as res:
            body = res.read()
            assert res.status == 200, res.status
        if i >= 5:  # the first few warm the caches
            times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[int(0.95 * (len(times) - 1))], len(body)

for name, path in [("overview, every programme", "/en/staff/dashboards"),
                   ("one programme (SAFE24)", "/en/staff/dashboards?p=SAFE24"),
                   ("compared with its organisation", "/en/staff/dashboards?p=SAFE24&compare=1"),
                   ("printable report", "/en/staff/dashboards/report?p=SAFE24"),
                   ("public results page", "/en/results/SAFE24"),
                   ("youth programme page", "/km/p/SAFE24")]:
    p50, p95, size = timed(path)
    print(f"{name:28} median {p50:7.1f} ms   p95 {p95:7.1f} ms   ({size} bytes, n={n})")
