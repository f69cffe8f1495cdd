/* socialcare 0.1.0 to 0.2.0: the objects added or changed since 0.1.0,
   in the order extension/socialcare.sql creates them.  test/upgrade.sh
   checks that an updated database equals a fresh install. */

\echo Use "ALTER EXTENSION socialcare UPDATE TO '0.2.0'" to load this file. \quit
