"""The workbook's co-development model, "Ymmärrä, suunnittele ja toteuta yhdessä", as guidance.

Source: Parasta Palvelua, "Kumppanuutta kehittämässä", part 1, the model's last pages (see
domain.md, "Co-development model"). The Finnish follows the workbook; Swedish and English
are our translations. Kept in code like the other fixed reference texts: the prompts are the
model itself, not something an institution edits."""

from core.i18n import Text

from .models import InitiativePhase

MODEL_INTRO = Text(
    "Yhteiskehittäminen on asiakaslähtöinen tapa parantaa olemassa olevaa tai kehittää uutta yhdessä "
    "ja vastavuoroisessa kumppanuudessa. Se varmistaa osallistamisen ja aidon asiakaslähtöisyyden, "
    "jotta kehitys tuottaisi mahdollisimman paljon arvoa kumppanuuden kaikille osapuolille.",
    "Samutveckling är ett kundorienterat sätt att förbättra det som finns eller skapa något nytt "
    "tillsammans, i ett ömsesidigt partnerskap. Det säkerställer delaktighet och äkta kundorientering, "
    "så att utvecklingen ger så mycket värde som möjligt åt alla parter i partnerskapet.",
    "Co-development is a customer-oriented way to improve what exists or to create something new "
    "together, in a reciprocal partnership. It ensures participation and real customer orientation, "
    "so that the development creates as much value as possible for every partner.",
)

PHASE_PROMPTS: dict[str, list[Text]] = {
    InitiativePhase.UNDERSTAND: [
        Text(
            "Löytäkää ja ymmärtäkää ongelmat, toiveet ja kehitysalueet yhdessä asiakkaiden kanssa.",
            "Hitta och förstå problemen, önskemålen och utvecklingsområdena tillsammans med kunderna.",
            "Find and understand the problems, wishes and areas to develop together with the customers.",
        ),
        Text(
            "Esittele uutta tietoa sopivissa annoksissa, selkeästi ja ymmärrettävästi. Toista tarpeeksi usein.",
            "Presentera ny information i lagom portioner, klart och begripligt. Upprepa tillräckligt ofta.",
            "Present new information in suitable portions, clearly and understandably. Repeat it often enough.",
        ),
        Text(
            "Kuuntele ja dokumentoi esimerkiksi haastattelun, varjostuksen, kyselyn tai empatiakartoituksen avulla.",
            "Lyssna och dokumentera, till exempel med intervjuer, skuggning, enkäter eller empatikartor.",
            "Listen and document, for example through interviews, shadowing, surveys or empathy mapping.",
        ),
        Text(
            "Tehokkain tapa välittää tietoa ja lisätä ymmärrystä on kasvokkain käytävä keskustelu.",
            "Det effektivaste sättet att förmedla information och öka förståelsen är samtal ansikte mot ansikte.",
            "The most effective way to share information and build understanding is a face-to-face conversation.",
        ),
        Text(
            "Määritä kriittiset pisteet, kehitystarpeet ja tavoitteet sekä resurssit, aikataulu ja mittarit.",
            "Definiera de kritiska punkterna, utvecklingsbehoven och målen, liksom resurser, tidtabell och mätare.",
            "Define the checkpoints, the needs and the goals, and also the resources, the schedule and the metrics.",
        ),
        Text(
            "Muodostakaa yhteinen ymmärrys ja määrittely tavoitteista ennen siirtymistä seuraavaan vaiheeseen.",
            "Skapa en gemensam förståelse och definition av målen innan ni går vidare till nästa fas.",
            "Reach a shared understanding and definition of the goals before moving on to the next phase.",
        ),
    ],
    InitiativePhase.IDEATE: [
        Text(
            "Ideointi, kokeilu ja prototyypin kehittäminen tapahtuvat yhdessä asiakkaiden kanssa.",
            "Idéer, försök och prototyper tas fram tillsammans med kunderna.",
            "Ideas, experiments and prototypes are developed together with the customers.",
        ),
        Text(
            "Miettikää eri menetelmin, millaista arvoa ja kokemuksia palvelu tuottaa asiakkaalle.",
            "Fundera med olika metoder på vilket värde och vilka upplevelser tjänsten ger kunden.",
            "Use different methods to consider what value and experiences the service creates for the customer.",
        ),
        Text(
            "Konkretisoikaa ja visualisoikaa ideat ja kokeilkaa malleja. Valitkaa tulosten pohjalta "
            "ratkaisut, joita jatkojalostetaan.",
            "Konkretisera och visualisera idéerna och pröva modeller. Välj utifrån resultaten de "
            "lösningar som vidareutvecklas.",
            "Make the ideas concrete and visual and try models out. Choose from the results the "
            "solutions to develop further.",
        ),
        Text(
            "Luokaa vaihe vaiheelta etenevä prosessikuvaus, joka tukee tasalaatuista ja yhtenäistä toimintatapaa.",
            "Skriv en processbeskrivning steg för steg som stöder en jämn kvalitet och ett enhetligt arbetssätt.",
            "Write a step-by-step process description that supports consistent quality and one way of working.",
        ),
        Text(
            "Yhteiskehittäminen on kokeilukulttuuria: syvempi ymmärrys ja vuoropuhelu mahdollistavat "
            "osallistumisen ja sitoutumisen.",
            "Samutveckling är en försökskultur: djupare förståelse och dialog gör delaktighet och "
            "engagemang möjliga.",
            "Co-development is a culture of experiment: deeper understanding and dialogue make "
            "participation and commitment possible.",
        ),
    ],
    InitiativePhase.IMPLEMENT: [
        Text(
            "Tehkää lopullinen priorisointi ja dokumentoikaa se tarkasti: se auttaa sitoutumaan valintaan.",
            "Gör den slutliga prioriteringen och dokumentera den noga: det hjälper er att stå bakom valet.",
            "Make the final prioritisation and document it carefully: it helps everyone commit to the choice.",
        ),
        Text(
            "Suunnitelkaa ja visualisoikaa käyttöönotto organisaation sisällä ja ulospäin.",
            "Planera och visualisera införandet inom organisationen och utåt.",
            "Plan and visualise the roll-out inside the organisation and outside it.",
        ),
        Text(
            "Varmistakaa, että lanseeraussuunnitelma toimii, jakelukanavat toimivat ja yhteyshenkilöt "
            "tietävät roolinsa.",
            "Se till att lanseringsplanen fungerar, att kanalerna fungerar och att kontaktpersonerna "
            "känner till sina roller.",
            "Make sure the launch plan works, the channels work and the contact persons know their roles.",
        ),
        Text(
            "Uskaltakaa poistaa vanhoja ratkaisuja: luokaa tilaa uudelle.",
            "Våga ta bort gamla lösningar: skapa utrymme för det nya.",
            "Dare to remove old solutions: make room for the new.",
        ),
        Text(
            "Varmistakaa, että tuloksia voi seurata ja että asiakkaita kuunnellaan myös käyttöönoton aikana.",
            "Se till att resultaten kan följas upp och att kunderna blir hörda även under införandet.",
            "Make sure the results can be followed and that the customers are listened to during the roll-out.",
        ),
    ],
}

EVALUATION_PROMPTS: list[Text] = [
    Text(
        "Arvioikaa ja analysoikaa koko prosessin ajan: uusia tarpeita voi syntyä ja vanhat voivat muuttua.",
        "Utvärdera och analysera under hela processen: nya behov kan uppstå och gamla kan förändras.",
        "Evaluate and analyse throughout: new needs may arise and old ones may change.",
    ),
    Text(
        "Dokumentoikaa arviointi ja kertokaa muille selkeästi, jos määrittely muuttuu.",
        "Dokumentera utvärderingen och berätta tydligt för de andra om definitionen ändras.",
        "Document the evaluation and tell the others clearly if the definition changes.",
    ),
    Text(
        "Muuttuuko päätavoitteen ja kokonaisymmärryksen suunta, vai onko kyse prototyypin viilauksesta?",
        "Ändras riktningen för huvudmålet och helhetsförståelsen, eller handlar det om att finslipa prototypen?",
        "Is the direction of the main goal and the overall understanding changing, or is it a matter "
        "of refining the prototype?",
    ),
]
