// SPDX-License-Identifier: MIT
#include "expirywatch.h"

#include "consolecontext.h"
#include "core/clock.h"
#include "store/changesource.h"

#include <QLocale>
#include <QPointer>
#include <QTimer>

#include <memory>

namespace td {

ExpiryWatch::ExpiryWatch(ConsoleContext &context, QObject *parent)
    : QObject(parent)
    , m_context(context)
{
    m_debounce = new QTimer(this);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(300);
    connect(m_debounce, &QTimer::timeout, this, &ExpiryWatch::refresh);
    m_periodic = new QTimer(this);
    m_periodic->setInterval(15 * 60 * 1000);
    connect(m_periodic, &QTimer::timeout, this, &ExpiryWatch::refresh);
    m_periodic->start();
    connect(&m_context, &ConsoleContext::dataChanged, m_debounce, qOverload<>(&QTimer::start));
    if (ChangeSource *changes = m_context.changes())
        connect(changes, &ChangeSource::changed, m_debounce, qOverload<>(&QTimer::start));
}

QString ExpiryWatch::summaryFor(int tokens, bool accessCode)
{
    if (tokens > 0 && accessCode)
        return tr("%n of your tokens and your access code expire this week", nullptr, tokens);
    if (tokens > 0)
        return tr("%n of your tokens expire this week", nullptr, tokens);
    if (accessCode)
        return tr("Your access code expires this week");
    return {};
}

QString ExpiryWatch::summary() const
{
    return summaryFor(tokens(), m_accessCode);
}

void ExpiryWatch::refresh()
{
    const Actor &me = m_context.actor();
    if (!me.isPerson())
        return;
    const quint64 generation = ++m_generation;
    const QDateTime until = Clock::now().addDays(WindowDays);
    TokenQuery q;
    q.userId = me.userId;
    q.statuses = {TokenStatus::Active, TokenStatus::ExpiringSoon};
    q.sortColumn = TokenColumn::Expires;
    q.ascending = true;
    q.limit = MaxTokens;
    WindowRequest request;
    request.limit = MaxTokens;
    // Both answers, then one update.
    auto tokens = std::make_shared<std::optional<QStringList>>();
    auto code = std::make_shared<std::optional<bool>>();
    QPointer<ExpiryWatch> self(this);
    auto done = [self, generation, tokens, code] {
        if (!self || generation != self->m_generation || !*tokens || !*code)
            return;
        self->apply(**tokens, **code);
    };
    m_context.backend()
        .tokenWindow(q, request)
        .then(this, [tokens, until, done](const Result<Window<ApiToken>> &w) {
            QStringList lines;
            if (w)
                for (const ApiToken &t : w->rows)
                    if (t.expiresAt <= until)
                        lines << tr("API token “%1” (%2) expires on %3")
                                     .arg(t.name, t.hint,
                                          QLocale().toString(t.expiresAt.toLocalTime(),
                                                             QLocale::ShortFormat));
            *tokens = lines;
            done();
        });
    m_context.backend().user(me.userId).then(this, [code, until, done](const Result<User> &u) {
        *code = u && u->hasAccessCode && u->accessCodeExpiresAt.isValid() &&
                u->accessCodeExpiresAt <= until;
        done();
    });
}

void ExpiryWatch::apply(const QStringList &details, bool accessCode)
{
    const int before = m_read ? tokens() + (m_accessCode ? 1 : 0) : 0;
    m_details = details;
    m_accessCode = accessCode;
    if (accessCode)
        m_details << tr("Your access code expires this week");
    m_read = true;
    Q_EMIT updated();
    if (int(m_details.size()) > before)
        Q_EMIT moreExpiring(summary());
}

} // namespace td
