"""Reference text of the eight critical checkpoints, fi from the workbook, sv and en ours.

The data migration loads these rows; tests check that every language is present.
"""

CHECKPOINTS = [
    {
        "number": 1,
        "name_fi": "Tavoitettavuus ja näkyvyys",
        "name_sv": "Nåbarhet och synlighet",
        "name_en": "Reachability and visibility",
        "topics_fi": "asiakkaan palvelu, kanavat, vastuu asiakkaasta, viestintä ja markkinointi",
        "topics_sv": "kundservice, kanaler, ansvar för kunden, kommunikation och marknadsföring",
        "topics_en": "customer service, channels, responsibility for the customer, "
        "communication and marketing",
    },
    {
        "number": 2,
        "name_fi": "Opiskelijan valmiudet",
        "name_sv": "Studerandens färdigheter",
        "name_en": "Student readiness",
        "topics_fi": "aiempi osaaminen, työelämävalmiudet, motivaatio, urapolku",
        "topics_sv": "tidigare kunnande, arbetslivsfärdigheter, motivation, karriärväg",
        "topics_en": "prior competence, working-life skills, motivation, career path",
    },
    {
        "number": 3,
        "name_fi": "Yhteinen ennakkosuunnittelu",
        "name_sv": "Gemensam förhandsplanering",
        "name_en": "Joint advance planning",
        "topics_fi": "opiskelija, opettaja, työnantaja, työpaikkaohjaaja",
        "topics_sv": "studerande, lärare, arbetsgivare, arbetsplatshandledare",
        "topics_en": "student, teacher, employer, workplace instructor",
    },
    {
        "number": 4,
        "name_fi": "Työpaikkaohjaus",
        "name_sv": "Handledning på arbetsplatsen",
        "name_en": "Workplace instruction",
        "topics_fi": "suunnittelu, työpaikkaohjaajan perehdytys, opiskelijan oppiminen ja "
        "palaute, tuki ohjaajalle",
        "topics_sv": "planering, introduktion av arbetsplatshandledaren, studerandens lärande "
        "och respons, stöd till handledaren",
        "topics_en": "planning, instructor induction, the student's learning and feedback, "
        "support for the instructor",
    },
    {
        "number": 5,
        "name_fi": "Siirtymät, poikkeustilanteet",
        "name_sv": "Övergångar och undantagssituationer",
        "name_en": "Transitions and exceptional situations",
        "topics_fi": "toimintatavat, tiedonkulku, viestintä, joustavat siirtymät",
        "topics_sv": "arbetssätt, informationsflöde, kommunikation, flexibla övergångar",
        "topics_en": "ways of working, flow of information, communication, flexible transitions",
    },
    {
        "number": 6,
        "name_fi": "Kehittävä palaute",
        "name_sv": "Utvecklande respons",
        "name_en": "Developmental feedback",
        "topics_fi": "palveluprosessin kehittäminen, työelämä- ja opiskelijapalautteet, "
        "reagointi, hyödyntäminen",
        "topics_sv": "utveckling av serviceprocessen, arbetslivs- och studerandrespons, reaktion, användning",
        "topics_en": "developing the service process, employer and student feedback, "
        "reacting to it, using it",
    },
    {
        "number": 7,
        "name_fi": "Näyttöjen laatu",
        "name_sv": "Yrkesprovens kvalitet",
        "name_en": "Quality of skills demonstrations",
        "topics_fi": "suunnittelu, toteuttaminen ja aikataulutus, tasalaatuisuus",
        "topics_sv": "planering, genomförande och tidsplanering, jämn kvalitet",
        "topics_en": "planning, carrying out and scheduling, consistent quality",
    },
    {
        "number": 8,
        "name_fi": "Asiakassuhteen ylläpito",
        "name_sv": "Upprätthållande av kundrelationen",
        "name_en": "Maintaining the customer relationship",
        "topics_fi": "kiitos ja arvostus kumppanuudesta, aktiivinen tarjonta, asiakkuudenhoito",
        "topics_sv": "tack och uppskattning för partnerskapet, aktivt erbjudande, kundvård",
        "topics_en": "thanks and appreciation for the partnership, active offering, account management",
    },
]
