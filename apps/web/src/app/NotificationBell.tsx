import { Link } from '@tanstack/react-router';
import type { NotificationRecord } from '@targetline/contract';
import { notificationText, type Quarter } from '@targetline/core';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMarkNotificationReadMutation, useNotificationsQuery } from '../api/notifications';
import { formatDateTime } from '../i18n/format-date-time';
import { useLocale } from '../i18n/use-locale';

/**
 * The bell in the header: how many notifications (thông báo) are unread, said in words and in
 * a badge (never by colour alone), and the list of them in the reader's language, each with a
 * link to the report or the round it concerns. Following a link marks it read.
 */
export function NotificationBell() {
  const { t } = useTranslation();
  const locale = useLocale();
  const panelId = useId();
  const [isOpen, setOpen] = useState(false);
  const notifications = useNotificationsQuery();
  const markRead = useMarkNotificationReadMutation();
  const list = notifications.data ?? [];
  const unread = list.filter((n) => n.readAt === null).length;
  const open = (n: NotificationRecord) => {
    if (n.readAt === null) markRead.mutate(n.id);
    setOpen(false);
  };
  return (
    <section className="bell" aria-label={t('notifications.title')}>
      <button
        type="button"
        className="bell__button"
        aria-expanded={isOpen}
        aria-controls={panelId}
        onClick={() => setOpen((was) => !was)}
      >
        <BellIcon /> {t('notifications.bell')}
        {unread > 0 && (
          <span className="bell__badge">{t('notifications.unread', { count: unread })}</span>
        )}
      </button>
      {isOpen && (
        <div id={panelId} className="bell__panel">
          {notifications.isError ? (
            <p role="alert">{t('notifications.loadFailed')}</p>
          ) : list.length === 0 ? (
            <p>{t('notifications.none')}</p>
          ) : (
            <ul className="bell__list">
              {list.map((n) => (
                <li
                  key={n.id}
                  className={n.readAt === null ? 'bell__item bell__item--unread' : 'bell__item'}
                >
                  {n.readAt === null && (
                    <strong className="bell__new">{t('notifications.isNew')}</strong>
                  )}{' '}
                  <NotificationLink notification={n} onOpen={() => open(n)}>
                    {notificationText(n, locale)}
                  </NotificationLink>{' '}
                  <time className="bell__time" dateTime={n.createdAt}>
                    {formatDateTime(n.createdAt, locale)}
                  </time>
                  {n.readAt === null && (
                    <button
                      type="button"
                      className="bell__mark"
                      onClick={() => markRead.mutate(n.id)}
                    >
                      {t('notifications.markRead')}
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}

/** The report a notification concerns, or the round's board when it concerns no one unit. */
function NotificationLink({
  notification: n,
  onOpen,
  children,
}: {
  notification: NotificationRecord;
  onOpen: () => void;
  children: string;
}) {
  const quarter = n.quarter as Quarter;
  if (n.unitId !== null) {
    return (
      <Link
        to="/reports/$unitId/$year/$quarter"
        params={{ unitId: n.unitId, year: n.year, quarter }}
        onClick={onOpen}
      >
        {children}
      </Link>
    );
  }
  return (
    <Link to="/review" search={{ year: n.year, quarter }} onClick={onOpen}>
      {children}
    </Link>
  );
}

/** A bell drawn in the page's own colour: an emoji bell is missing from many systems' fonts. */
function BellIcon() {
  return (
    <svg
      aria-hidden="true"
      width="16"
      height="16"
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.6"
      strokeLinejoin="round"
      style={{ verticalAlign: '-2px' }}
    >
      <path d="M8 1.8a4.2 4.2 0 0 0-4.2 4.2v3.2L2.4 11.6h11.2l-1.4-2.4V6A4.2 4.2 0 0 0 8 1.8Z" />
      <path d="M6.3 13.2a1.8 1.8 0 0 0 3.4 0" strokeLinecap="round" />
    </svg>
  );
}
