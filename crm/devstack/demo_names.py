"""Names for demo data: Greek names as written in Greek and as Greeks write them in Latin, foreign names, and
company names with their web domains. Latin spellings are the everyday ones, written out by hand."""

from __future__ import annotations

# (Greek, Latin)
GREEK_MEN = [
    ("Γιώργος", "Giorgos"), ("Κωνσταντίνος", "Konstantinos"), ("Γιάννης", "Giannis"), ("Δημήτρης", "Dimitris"),
    ("Νίκος", "Nikos"), ("Παναγιώτης", "Panagiotis"), ("Βασίλης", "Vasilis"), ("Χρήστος", "Christos"),
    ("Αθανάσιος", "Athanasios"), ("Μιχάλης", "Michalis"), ("Ευάγγελος", "Evangelos"), ("Σπύρος", "Spyros"),
    ("Αντώνης", "Antonis"), ("Ανδρέας", "Andreas"), ("Θεόδωρος", "Theodoros"), ("Ηλίας", "Ilias"),
    ("Στέλιος", "Stelios"), ("Αλέξανδρος", "Alexandros"), ("Εμμανουήλ", "Emmanouil"), ("Σταύρος", "Stavros"),
    ("Παύλος", "Pavlos"), ("Θανάσης", "Thanasis"), ("Λευτέρης", "Lefteris"), ("Άγγελος", "Angelos"),
    ("Κυριάκος", "Kyriakos"), ("Ευστάθιος", "Efstathios"), ("Πέτρος", "Petros"), ("Μάριος", "Marios"),
    ("Φώτης", "Fotis"), ("Χαράλαμπος", "Charalampos"),
]
GREEK_WOMEN = [
    ("Μαρία", "Maria"), ("Ελένη", "Eleni"), ("Αικατερίνη", "Aikaterini"), ("Κατερίνα", "Katerina"),
    ("Βασιλική", "Vasiliki"), ("Σοφία", "Sofia"), ("Αγγελική", "Angeliki"), ("Γεωργία", "Georgia"),
    ("Δήμητρα", "Dimitra"), ("Κωνσταντίνα", "Konstantina"), ("Χριστίνα", "Christina"), ("Παναγιώτα", "Panagiota"),
    ("Ευαγγελία", "Evangelia"), ("Ειρήνη", "Eirini"), ("Αναστασία", "Anastasia"), ("Δέσποινα", "Despoina"),
    ("Ευτυχία", "Eftychia"), ("Θεοδώρα", "Theodora"), ("Φωτεινή", "Foteini"), ("Χαρίκλεια", "Charikleia"),
    ("Ζωή", "Zoi"), ("Αλεξάνδρα", "Alexandra"), ("Ιωάννα", "Ioanna"), ("Νικολέτα", "Nikoleta"),
    ("Σταυρούλα", "Stavroula"), ("Παρασκευή", "Paraskevi"),
]
# (Greek for a man, Greek for a woman, Latin for a man, Latin for a woman)
GREEK_SURNAMES = [
    ("Παπαδόπουλος", "Παπαδοπούλου", "Papadopoulos", "Papadopoulou"),
    ("Παπαγεωργίου", "Παπαγεωργίου", "Papageorgiou", "Papageorgiou"),
    ("Οικονόμου", "Οικονόμου", "Oikonomou", "Oikonomou"),
    ("Γεωργίου", "Γεωργίου", "Georgiou", "Georgiou"),
    ("Νικολάου", "Νικολάου", "Nikolaou", "Nikolaou"),
    ("Ιωάννου", "Ιωάννου", "Ioannou", "Ioannou"),
    ("Καραγιάννης", "Καραγιάννη", "Karagiannis", "Karagianni"),
    ("Βλάχος", "Βλάχου", "Vlachos", "Vlachou"),
    ("Αθανασίου", "Αθανασίου", "Athanasiou", "Athanasiou"),
    ("Δημητρίου", "Δημητρίου", "Dimitriou", "Dimitriou"),
    ("Κωνσταντίνου", "Κωνσταντίνου", "Konstantinou", "Konstantinou"),
    ("Παπαδάκης", "Παπαδάκη", "Papadakis", "Papadaki"),
    ("Μακρής", "Μακρή", "Makris", "Makri"),
    ("Αντωνίου", "Αντωνίου", "Antoniou", "Antoniou"),
    ("Χριστοδούλου", "Χριστοδούλου", "Christodoulou", "Christodoulou"),
    ("Θεοδωρόπουλος", "Θεοδωροπούλου", "Theodoropoulos", "Theodoropoulou"),
    ("Αλεξίου", "Αλεξίου", "Alexiou", "Alexiou"),
    ("Μιχαηλίδης", "Μιχαηλίδου", "Michailidis", "Michailidou"),
    ("Παπανικολάου", "Παπανικολάου", "Papanikolaou", "Papanikolaou"),
    ("Κυριακίδης", "Κυριακίδου", "Kyriakidis", "Kyriakidou"),
    ("Ευθυμίου", "Ευθυμίου", "Efthymiou", "Efthymiou"),
    ("Σταματόπουλος", "Σταματοπούλου", "Stamatopoulos", "Stamatopoulou"),
    ("Παππάς", "Παππά", "Pappas", "Pappa"),
    ("Μπακογιάννης", "Μπακογιάννη", "Bakogiannis", "Bakogianni"),
    ("Τσακαλώτος", "Τσακαλώτου", "Tsakalotos", "Tsakalotou"),
    ("Ψαρράς", "Ψαρρά", "Psarras", "Psarra"),
    ("Ζερβός", "Ζερβού", "Zervos", "Zervou"),
    ("Λαμπράκης", "Λαμπράκη", "Lamprakis", "Lampraki"),
    ("Γκίκας", "Γκίκα", "Gkikas", "Gkika"),
    ("Κουτσούκος", "Κουτσούκου", "Koutsoukos", "Koutsoukou"),
    ("Χατζηδάκης", "Χατζηδάκη", "Chatzidakis", "Chatzidaki"),
    ("Σαμαράς", "Σαμαρά", "Samaras", "Samara"),
    ("Μαυρίδης", "Μαυρίδου", "Mavridis", "Mavridou"),
    ("Τζαννετάκης", "Τζαννετάκη", "Tzannetakis", "Tzannetaki"),
    ("Αναγνωστόπουλος", "Αναγνωστοπούλου", "Anagnostopoulos", "Anagnostopoulou"),
    ("Καλογεράκης", "Καλογεράκη", "Kalogerakis", "Kalogeraki"),
    ("Σπυρόπουλος", "Σπυροπούλου", "Spyropoulos", "Spyropoulou"),
    ("Δρακόπουλος", "Δρακοπούλου", "Drakopoulos", "Drakopoulou"),
    ("Φραγκιαδάκης", "Φραγκιαδάκη", "Fragkiadakis", "Fragkiadaki"),
    ("Ξανθόπουλος", "Ξανθοπούλου", "Xanthopoulos", "Xanthopoulou"),
    ("Πετρόπουλος", "Πετροπούλου", "Petropoulos", "Petropoulou"),
    ("Κατσαρός", "Κατσαρού", "Katsaros", "Katsarou"),
    ("Ρήγας", "Ρήγα", "Rigas", "Riga"),
    ("Βασιλείου", "Βασιλείου", "Vasileiou", "Vasileiou"),
    ("Χριστάκης", "Χριστάκη", "Christakis", "Christaki"),
    ("Τσιμπούκης", "Τσιμπούκη", "Tsimpoukis", "Tsimpouki"),
    ("Αποστόλου", "Αποστόλου", "Apostolou", "Apostolou"),
    ("Ευαγγελόπουλος", "Ευαγγελοπούλου", "Evangelopoulos", "Evangelopoulou"),
    ("Ραφαηλίδης", "Ραφαηλίδου", "Rafailidis", "Rafailidou"),
    ("Ντόκος", "Ντόκου", "Ntokos", "Ntokou"),
]
FOREIGN_FIRST = ["John", "Emma", "Lucas", "Mia", "Oliver", "Chloé", "Jürgen", "Ana", "Pedro", "Zoë", "Sophie",
                 "Piotr", "Marco", "Sarah", "David", "Laura", "Thomas", "Elena", "Hans", "Isabel"]
FOREIGN_LAST = ["Smith", "Müller", "Dubois", "Rossi", "Jensen", "Martin", "Schmidt", "García", "Costa", "O'Brien",
                "Novak", "Kowalski", "Bianchi", "Cohen", "Williams", "Fischer", "Moreau", "Ricci", "Nielsen",
                "Fernández", "Walsh", "Dvořák", "Lindqvist", "Van Dijk", "Horvat"]
# (name, how it is written in a web address)
COMPANY_WORDS = [
    ("Acme", "acme"), ("Aegean", "aegean"), ("Olympus", "olympus"), ("Hellas", "hellas"), ("Nordic", "nordic"),
    ("Blue", "blue"), ("Delta", "delta"), ("Atlas", "atlas"), ("Orion", "orion"), ("Vertex", "vertex"),
    ("Kyma", "kyma"), ("Ionian", "ionian"), ("Cyclades", "cyclades"), ("Apollo", "apollo"), ("Helios", "helios"),
    ("Meltemi", "meltemi"), ("Lambda", "lambda"), ("Pella", "pella"), ("Corinth", "corinth"), ("Zephyr", "zephyr"),
    ("Poseidon", "poseidon"), ("Delphi", "delphi"), ("Argo", "argo"), ("Nostos", "nostos"), ("Thalassa", "thalassa"),
    ("Pegasus", "pegasus"), ("Mythos", "mythos"), ("Naxos", "naxos"), ("Epirus", "epirus"), ("Taygetos", "taygetos"),
]
GREEK_COMPANY_WORDS = [
    ("Αιγαίο", "aigaio"), ("Όλυμπος", "olympos"), ("Ερμής", "ermis"), ("Αθηνά", "athina"), ("Κύμα", "kyma"),
    ("Ήλιος", "ilios"), ("Ποσειδών", "poseidon"), ("Αργώ", "argo"), ("Θάλασσα", "thalassa"), ("Πήγασος", "pigasos"),
]
COMPANY_KINDS = [("Trading", "trading"), ("Games", "games"), ("Logistics", "logistics"), ("Foods", "foods"),
                 ("Hotels", "hotels"), ("Software", "software"), ("Marine", "marine"), ("Retail", "retail"),
                 ("Labs", "labs"), ("Travel", "travel"), ("Energy", "energy"), ("Pharma", "pharma")]
GREEK_COMPANY_KINDS = [("Εμπορική", "emporiki"), ("Τρόφιμα", "trofima"), ("Ξενοδοχειακή", "xenodocheiaki"),
                       ("Ναυτιλιακή", "naftiliaki"), ("Κατασκευαστική", "kataskevastiki"),
                       ("Φαρμακευτική", "farmakeftiki")]
LATIN_SUFFIXES = ["", "", " S.A.", " Ltd", " IKE"]
GREEK_SUFFIXES = ["", " Α.Ε.", " ΙΚΕ", " Ο.Ε."]
FREE_MAIL = ["gmail.com", "yahoo.gr", "outlook.com", "hotmail.com", "otenet.gr"]

GREEK_TO_LATIN = {greek: latin for greek, latin in GREEK_MEN + GREEK_WOMEN} | {
    greek: latin for surname in GREEK_SURNAMES for greek, latin in ((surname[0], surname[2]), (surname[1], surname[3]))
}
