import { Link, useSearch } from '@tanstack/react-router';
import type { ReactNode } from 'react';

/** A link to a unit's page, as of the quarter the current page shows (the year is kept). */
export function UnitLink({
  unitId,
  className,
  children,
}: {
  unitId: number;
  className?: string;
  children: ReactNode;
}) {
  const asOf = useSearch({ strict: false, select: (search) => search.asOf });
  return (
    <Link to="/units/$unitId" params={{ unitId }} search={{ asOf }} className={className}>
      {children}
    </Link>
  );
}
