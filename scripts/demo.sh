#!/usr/bin/env bash
# The main job.  Until the demo warehouse lands: a short tour of the
# working-day functions on a throwaway cluster.
source "$(dirname "$0")/lib.sh"

need_build_tools
build_and_install
start_cluster
psql -X -q -v ON_ERROR_STOP=1 -f "$ROOT/scripts/tour.sql"
