#!/usr/bin/env bash
# Install nginx for the crawl benchmark (bench/bench_crawl.py serves the pre-rendered sample web
# with it; without nginx it falls back to a slower aiohttp static server). Benchmarks only:
# no test needs nginx. Idempotent.
set -euo pipefail
if command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; then
  echo "nginx: present"
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "nginx missing; run as root: apt-get install -y nginx-light" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends nginx-light >/dev/null
echo "nginx: installed (not started; bench/webfarm.py runs its own in the foreground)"
