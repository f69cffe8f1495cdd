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
#include "utils/snapshot.h"

#include "bankholidays.h"
#include "wdindex.h"

/*
 * What an MVCC snapshot sees, kept with a cached calendar (or timescale
 * catalogue) to tell whether another snapshot sees the same rows.  Two
 * snapshots of one backend see the same committed transactions when
 * their xactCompletionCount is the same and not 0 (PostgreSQL reuses a
 * snapshot on exactly that condition, GetSnapshotDataReuse); a snapshot
 * restored in a parallel worker or imported has 0, and is compared by
 * its contents instead.  Own changes are told apart by curcid, and by the
 * relcache callbacks, which run at once for this backend's own changes
 * (at the end of the command, and again on a rollback).
 */
typedef struct SnapshotKey
{
	uint64		completion;		/* snapXactCompletionCount; 0: compare contents */
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
extern Snapshot sc_reading_snapshot(void);
extern bool sc_snapshot_same_contents(const SnapshotKey *key, Snapshot snap);
extern void sc_snapshot_key_set(SnapshotKey *key, Snapshot snap, MemoryContext cxt);
extern void sc_snapshot_key_free(SnapshotKey *key);
extern bool sc_snapshot_key_usable(const SnapshotKey *key, Snapshot snap);
extern sc_day sc_calendar_day(const Calendar *cal, DateADT date);
extern const sc_holiday *sc_division_holidays(int division, int *count);
extern char *sc_date_string(sc_day day);

/* Does snap see the rows that the snapshot key was taken from saw?  Per row: keep it cheap. */
static inline bool
sc_snapshot_sees_same(const SnapshotKey *key, Snapshot snap)
{
	if (snap->curcid != key->curcid)
		return false;
	if (likely(key->completion != 0))
		return snap->snapXactCompletionCount == key->completion;
	return sc_snapshot_same_contents(key, snap);
}

#endif
