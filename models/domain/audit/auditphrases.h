// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace td::AuditPhrases {

/// An audit entry's Target or Details as a reader sees it: the log stores the domain's fixed
/// phrases in English ("token #12 "ci" (tdk_…ab12) of alice", "scopes a,b; expires …"), stable
/// for exports, the CLI and filters; shown, each phrase is replaced by its translation (context
/// "AuditPhrase") with the same values filled in. Text that is no known phrase (names, reasons
/// written in another language) is shown as stored; Details that list changes joined by "; "
/// are translated part by part.
QString display(const QString &stored);

} // namespace td::AuditPhrases
