/** The shared components' own texts (pickers, user names, search-match notes, the command menu), read as
 * `t("ui.<key>")`, in English and Greek with the same keys (a unit test checks). */
export const UI_TEXTS_ID = "ui";

export const uiTexts = {
  en: {
    users: {
      you: "You",
      apiKey: "API key {{prefix}}",
      system: "System",
      pickerHint: "Type a name or email to find a user.",
    },
    combo: { clear: "Clear {{label}}", noMatches: "No matches." },
    tableKeys: "In the table, the arrow keys, Home, End, Page Up and Page Down move between rows; Enter opens one.",
    customers: { pickerHint: "Type a name, email or phone to find a customer.", gone: "Deleted customer" },
    match: {
      approximate: "similar spelling",
      approximateHint: "No exact match: this name is spelt a little differently, or written in the other alphabet.",
      foundIn: "found in {{fields}}",
      fields: { name: "name", organization: "organization", email: "email", phone: "phone", contact: "contact" },
    },
    commands: {
      open: "Search or go to…",
      title: "Command menu",
      placeholder: "Go to a screen, create something, or find a customer",
      results: "Results",
      groups: { go: "Go to", create: "Create", customers: "Customers" },
      searching: "Searching customers…",
      nothing: "Nothing matches.",
      count_one: "{{count}} result",
      count_other: "{{count}} results",
      keys: "↑ ↓ to move, Enter to go, Esc to close. Ctrl+K (⌘K) opens this menu anywhere.",
    },
  },
  el: {
    users: {
      you: "Εσείς",
      apiKey: "Κλειδί API {{prefix}}",
      system: "Σύστημα",
      pickerHint: "Πληκτρολογήστε όνομα ή email για να βρείτε χρήστη.",
    },
    combo: { clear: "Καθαρισμός: {{label}}", noMatches: "Δεν βρέθηκε τίποτα." },
    tableKeys: "Στον πίνακα, τα βέλη, τα Home, End, Page Up και Page Down μετακινούν ανάμεσα στις γραμμές· το Enter ανοίγει μία.",
    customers: { pickerHint: "Πληκτρολογήστε όνομα, email ή τηλέφωνο για να βρείτε πελάτη.", gone: "Διαγραμμένος πελάτης" },
    match: {
      approximate: "παρόμοια γραφή",
      approximateHint: "Δεν βρέθηκε ακριβώς: το όνομα γράφεται λίγο διαφορετικά ή με το άλλο αλφάβητο.",
      foundIn: "βρέθηκε σε: {{fields}}",
      fields: { name: "όνομα", organization: "εταιρεία", email: "email", phone: "τηλέφωνο", contact: "επαφή" },
    },
    commands: {
      open: "Αναζήτηση ή μετάβαση…",
      title: "Μενού εντολών",
      placeholder: "Μετάβαση σε οθόνη, δημιουργία ή εύρεση πελάτη",
      results: "Αποτελέσματα",
      groups: { go: "Μετάβαση", create: "Δημιουργία", customers: "Πελάτες" },
      searching: "Αναζήτηση πελατών…",
      nothing: "Δεν βρέθηκε τίποτα.",
      count_one: "{{count}} αποτέλεσμα",
      count_other: "{{count}} αποτελέσματα",
      keys: "↑ ↓ για μετακίνηση, Enter για μετάβαση, Esc για κλείσιμο. Το Ctrl+K (⌘K) ανοίγει αυτό το μενού παντού.",
    },
  },
};
