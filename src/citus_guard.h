/*
 * src/citus_guard.h
 *
 * The ExecutorStart hook that refuses a distributed query whose workers
 * would not see the session's socialcare settings (citus_guard.c).
 */
#ifndef SOCIALCARE_CITUS_GUARD_H
#define SOCIALCARE_CITUS_GUARD_H

extern void sc_citus_guard_init(void);

#endif
