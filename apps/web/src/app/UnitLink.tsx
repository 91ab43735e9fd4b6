import { Link, useSearch } from '@tanstack/react-router';
import type { Quarter } from '@targetline/core';
import { createContext, type ReactNode, useContext } from 'react';

type Props = {
  unitId: number;
  className?: string;
  children: ReactNode;
};

/**
 * The "as of" quarter the links below take, where a page gives it rather than the address: the
 * dashboard's panels, whose 1,000 links then follow another quarter when the panels are redrawn
 * for it, not in the render that shows the new quarter's cards. `asOf` undefined: none, as an
 * address without one.
 */
export const UnitLinkAsOf = createContext<{ asOf: Quarter | undefined } | null>(null);

/** A link to a unit's page, as of the quarter the current page shows (the year is kept). */
export function UnitLink(props: Props) {
  const given = useContext(UnitLinkAsOf);
  return given === null ? (
    <UnitLinkAsOfAddress {...props} />
  ) : (
    <UnitLinkTo {...props} asOf={given.asOf} />
  );
}

function UnitLinkAsOfAddress(props: Props) {
  const asOf = useSearch({ strict: false, select: (search) => search.asOf });
  return <UnitLinkTo {...props} asOf={asOf} />;
}

function UnitLinkTo({ unitId, className, children, asOf }: Props & { asOf: Quarter | undefined }) {
  return (
    <Link to="/units/$unitId" params={{ unitId }} search={{ asOf }} className={className}>
      {children}
    </Link>
  );
}
