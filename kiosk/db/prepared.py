"""The engine's hot statements, compiled once per dialect and run as plain SQL.

A SQLAlchemy Core statement is still where each hot statement's SQL comes from, and SQLAlchemy's
own types convert its parameters and result columns (``UTCDateTime``, dates, JSON, booleans). What
:class:`Prepared` saves is the rest of ``Connection.execute``: the statement's cache lookup, the
execution context and the result set up again on every call, which cost two to three times what
SQLite takes to run the statement (BENCHMARKS.md). The SQL runs on the connection's DBAPI cursor
inside the transaction SQLAlchemy began (:meth:`kiosk.db.database.Database.transaction`); driver
errors are wrapped as SQLAlchemy wraps them (``OperationalError`` for a locked or lost database,
``IntegrityError``), and a lost connection is invalidated as SQLAlchemy would.

This leans on SQLAlchemy's compiler (``SQLCompiler.bind_names``, ``positiontup``, type processors),
which is not a public API: pyproject.toml bounds SQLAlchemy below the next minor series, and
``KIOSK_PREPARED=0`` in the environment runs every statement through plain ``Connection.execute``
instead (scripts/test runs the engine suite that way too, so an upgrade that changes these
internals shows as a difference between the two runs).
"""

from __future__ import annotations

import os
from collections import namedtuple
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Dialect
from sqlalchemy.sql.compiler import SQLCompiler

Processor = Callable[[Any], Any] | None

ENABLED = os.environ.get("KIOSK_PREPARED", "1") != "0"
"""False: every :class:`Prepared` runs through ``Connection.execute`` (the reference path)."""


class Rows:
    """The rows of one execution: the part of SQLAlchemy's Result the engine uses."""

    __slots__ = ("_rows", "rowcount")

    def __init__(self, rows: list[Any], rowcount: int) -> None:
        self._rows = rows
        self.rowcount = rowcount

    def __iter__(self) -> Iterator[Any]:
        return iter(self._rows)

    def all(self) -> list[Any]:
        return self._rows

    def first(self) -> Any:
        return self._rows[0] if self._rows else None

    def one(self) -> Any:
        if not self._rows:
            raise sa.exc.NoResultFound("expected one row, got none")
        if len(self._rows) > 1:
            raise sa.exc.MultipleResultsFound(f"expected one row, got {len(self._rows)}")
        return self._rows[0]

    def scalar(self) -> Any:
        return self._rows[0][0] if self._rows else None

    def scalar_one(self) -> Any:
        return self.one()[0]


@dataclass
class _Plan:
    """A statement compiled for one dialect."""

    sql: str
    names: tuple[str, ...]  # the parameters, in the order the SQL takes them
    positional: bool
    defaults: dict[str, Any]  # values fixed when the statement was built (LIMIT 1, IN lists)
    bind: dict[str, Processor]
    returns_rows: bool
    convert: list[tuple[int, Callable[[Any], Any]]]  # result columns that need converting
    row_type: Any = field(default=None)


class Prepared:
    """A Core statement run through :meth:`__call__` with a dict of its bind parameters.

    Every parameter is a named ``bindparam`` or a value fixed in the statement; an IN list must be
    fixed values (``sa.literal``), not an expanding parameter, so the SQL is the same each time.
    """

    def __init__(self, statement: sa.ClauseElement) -> None:
        self.statement = statement
        self._plans: dict[str, _Plan] = {}

    def __repr__(self) -> str:
        return f"Prepared({self.statement})"

    def __call__(self, conn: Connection, params: Mapping[str, Any] | None = None) -> Rows:
        if not ENABLED:
            result = conn.execute(cast(sa.Executable, self.statement), dict(params or {}))
            rows = result.all() if result.returns_rows else []
            return Rows(list(rows), result.rowcount)
        dialect = conn.dialect
        kind = f"{dialect.name}+{dialect.driver}"  # the SQL and its conversions differ by both
        plan = self._plans.get(kind)
        if plan is None:
            plan = self._plans[kind] = _compile(self.statement, dialect)
        given = params or {}
        values = []
        for name in plan.names:
            value = given[name] if name in given else plan.defaults[name]
            process = plan.bind[name]
            values.append(process(value) if process is not None else value)
        args: Sequence[Any] | dict[str, Any] = (
            tuple(values) if plan.positional else dict(zip(plan.names, values, strict=True))
        )
        if not conn.in_transaction():
            raise RuntimeError("a prepared statement runs inside a transaction")
        dbapi_conn = conn.connection.dbapi_connection
        assert dbapi_conn is not None
        cursor = dbapi_conn.cursor()
        try:
            cursor.execute(plan.sql, args)
            raw = cursor.fetchall() if plan.returns_rows else []
            rowcount = cursor.rowcount
            if raw and plan.row_type is None:
                keys = [d[0] for d in cursor.description]
                plan.row_type = namedtuple("Row", keys, rename=True)  # type: ignore[misc]
        except dialect.loaded_dbapi.Error as exc:
            lost = dialect.is_disconnect(exc, dbapi_conn, cursor)
            if lost:
                conn.invalidate(exc)
            raise sa.exc.DBAPIError.instance(
                plan.sql,
                args,
                exc,
                dialect.loaded_dbapi.Error,
                connection_invalidated=lost,
                dialect=dialect,
            ) from exc
        finally:
            cursor.close()
        if not raw:
            return Rows([], rowcount)
        rows = []
        make = plan.row_type._make
        for r in raw:
            if plan.convert:
                r = list(r)
                for i, process in plan.convert:
                    if r[i] is not None:
                        r[i] = process(r[i])
            rows.append(make(r))
        return Rows(rows, rowcount)


def _compile(statement: sa.ClauseElement, dialect: Dialect) -> _Plan:
    compiled = cast(SQLCompiler, statement.compile(dialect=dialect))
    if compiled.post_compile_params or compiled.literal_execute_params:
        raise TypeError(f"an expanding parameter cannot be prepared: {statement}")
    by_name = {name: bp for bp, name in compiled.bind_names.items()}
    positional = compiled.positiontup is not None
    names = tuple(compiled.positiontup or ()) if positional else tuple(dict.fromkeys(by_name))
    defaults = {n: by_name[n].value for n in names if not by_name[n].required}
    bind: dict[str, Processor] = {
        n: by_name[n].type.dialect_impl(dialect).bind_processor(dialect) for n in names
    }
    # A SELECT's columns, or an INSERT/UPDATE's RETURNING columns (none: no rows come back).
    columns = list(getattr(statement, "exported_columns", ()))
    returns_rows = bool(columns)
    convert = []
    if returns_rows:
        for i, column in enumerate(columns):
            process = _result_processor(column.type, dialect)
            if process is not None:
                convert.append((i, process))
    return _Plan(compiled.string, names, positional, defaults, bind, returns_rows, convert)


def _result_processor(kind: Any, dialect: Dialect) -> Processor:
    """The type's conversion of a result value. SQLAlchemy picks a PostgreSQL numeric's by the
    column's type code, which a statement compiled ahead of its execution does not have: a Float
    column (double precision) comes back from psycopg as a Python float already, so it needs
    none; a Numeric (decimal) column is not supported here."""
    impl = kind.dialect_impl(dialect)
    if dialect.name == "postgresql" and isinstance(kind, sa.Float):
        return None
    if dialect.name == "postgresql" and isinstance(kind, sa.Numeric):
        raise TypeError("a prepared statement cannot return a PostgreSQL NUMERIC column")
    return cast(Processor, impl.result_processor(dialect, None))
