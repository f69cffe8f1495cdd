/*
 * src/calendar.h
 *
 * Calendars as the SQL functions see them: a name resolved to a
 * working-day index, built by each backend and reused while the snapshot
 * it reads with sees the same calendar rows (see calendar.c).
 */
#ifndef SOCIALCARE_CALENDAR_H
#define SOCIALCARE_CALENDAR_H

#include "postgres.h"

#include "fmgr.h"
#include "storage/lock.h"
#include "utils/timestamp.h"
#include "utils/date.h"
#include "utils/snapmgr.h"
#include "utils/snapshot.h"

#include "bankholidays.h"
#include "wdindex.h"

/*
 * What an MVCC snapshot sees, kept with a cached calendar (or timescale
 * catalogue) to tell whether another snapshot sees the same rows: its
 * xmin, xmax and in-progress transactions, and curcid for this
 * transaction's own commands (own changes are also reported by the
 * relcache callbacks, which run at once for this backend: at the end of
 * the changing command, and again on a rollback).  The active snapshot is
 * a copy, so its xactCompletionCount is always 0: it is compared by
 * contents.
 */
typedef struct SnapshotKey
{
	CommandId	curcid;
	TransactionId xmin;
	TransactionId xmax;
	uint32		xcnt;
	int32		subxcnt;
	bool		suboverflowed;
	bool		recovery;		/* takenDuringRecovery */
	LocalTransactionId lxid;	/* the transaction that read under it */
	int			capacity;		/* entries allocated in xip */
	TransactionId *xip;			/* xcnt running xids, then subxcnt subxids */
} SnapshotKey;

typedef struct Calendar
{
	char	   *name;
	int			division;		/* the built-in division it is based on */
	bool		builtin;
	/* a user calendar: what it was built from, and the snapshot it was read under */
	uint8_t		weekmask[7];
	int			nclosed;		/* own closure days, ascending */
	int			nopen;			/* own working days, ascending */
	sc_day	   *closed;
	sc_day	   *open;
	SnapshotKey read_under;
	uint64		changes_seen;	/* calendar-table invalidations seen when read */
	sc_wdindex	index;
	struct Calendar *next;		/* most recently used first */
} Calendar;

/* The GUCs socialcare.calendar and socialcare.calendar_cache_size. */
extern char *sc_default_calendar;
extern int	sc_calendar_cache_size;

extern void sc_calendar_init(void);
extern const Calendar *sc_calendar_lookup(const char *name);
extern const Calendar *sc_calendar_for_call(FunctionCallInfo fcinfo, int argno);
extern void sc_snapshot_key_set(SnapshotKey *key, Snapshot snap, MemoryContext cxt);
extern void sc_snapshot_key_free(SnapshotKey *key);
extern bool sc_snapshot_key_usable(const SnapshotKey *key, Snapshot snap);
extern sc_day sc_calendar_day(const Calendar *cal, DateADT date);
extern const sc_holiday *sc_division_holidays(int division, int *count);
extern char *sc_date_string(sc_day day);

/* The snapshot calendars are read with: the active one (see calendar.c). */
static inline Snapshot
sc_reading_snapshot(void)
{
	if (likely(ActiveSnapshotSet()))
		return GetActiveSnapshot();
	return GetTransactionSnapshot();
}

/* Does snap see the rows that the snapshot key was taken from saw?  Per row: keep it cheap. */
static inline bool
sc_snapshot_sees_same(const SnapshotKey *key, Snapshot snap)
{
	return snap->curcid == key->curcid
		&& snap->xmin == key->xmin && snap->xmax == key->xmax
		&& snap->xcnt == key->xcnt && snap->subxcnt == key->subxcnt
		&& snap->suboverflowed == key->suboverflowed
		&& snap->takenDuringRecovery == key->recovery
		&& (key->xcnt == 0
			|| memcmp(snap->xip, key->xip, sizeof(TransactionId) * key->xcnt) == 0)
		&& (key->subxcnt <= 0
			|| memcmp(snap->subxip, key->xip + key->xcnt,
					  sizeof(TransactionId) * key->subxcnt) == 0);
}

#endif
