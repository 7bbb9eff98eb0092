/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.registry;

import io.lightgate.api.model.ModelRepository;
import io.lightgate.api.model.ObjectModel;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.util.tracker.BundleTracker;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model repository: OMA core models 0-7 built in, plus the DDF files of every started
 * bundle that names model folders in its {@value ModelRepository#MODELS_HEADER} header
 * (extender pattern). A bundle's models are loaded when it starts and dropped when it stops.
 */
@Component(service = { ModelRepository.class, ModelService.class }, immediate = true)
public final class ModelService implements ModelRepository {

    private static final Logger LOG = LoggerFactory.getLogger(ModelService.class);
    private static final String CORE_FOLDER = "core-models";
    private static final long BUILT_IN_ORDER = -1;

    private final ModelCatalog catalog = new ModelCatalog();
    private final DdfParser parser = new DdfParser();
    private final BundleTracker<Bundle> tracker;

    @Activate
    public ModelService(BundleContext context) {
        List<ObjectModel> core = loadFolder(context.getBundle(), CORE_FOLDER);
        catalog.put(new ModelCatalog.Source(BUILT_IN_ORDER, "built-in core models", core));
        LOG.info("Model repository: {} built-in core models", core.size());
        tracker = new BundleTracker<>(context, Bundle.STARTING | Bundle.ACTIVE, null) {
            @Override
            public Bundle addingBundle(Bundle bundle, BundleEvent event) {
                return addBundle(bundle) ? bundle : null;
            }

            @Override
            public void removedBundle(Bundle bundle, BundleEvent event, Bundle object) {
                if (catalog.remove(bundle.getBundleId())) {
                    LOG.info("Models of bundle {} removed (bundle stopped)", name(bundle));
                }
            }
        };
        tracker.open();
    }

    @Deactivate
    void deactivate() {
        tracker.close();
    }

    /** Change notifications for the registry (models added or removed). */
    void addChangeListener(Runnable listener) {
        catalog.addChangeListener(listener);
    }

    void removeChangeListener(Runnable listener) {
        catalog.removeChangeListener(listener);
    }

    /** Where the model in force for an object id comes from. */
    Optional<String> sourceOf(int objectId) {
        return catalog.sourceOf(objectId);
    }

    @Override
    public Optional<ObjectModel> model(int objectId) {
        return catalog.model(objectId);
    }

    @Override
    public List<ObjectModel> models() {
        return catalog.models();
    }

    private boolean addBundle(Bundle bundle) {
        String header = bundle.getHeaders("").get(MODELS_HEADER);
        if (header == null || header.isBlank()) {
            return false;
        }
        List<ObjectModel> models = new ArrayList<>();
        for (String folder : header.split(",")) {
            models.addAll(loadFolder(bundle, folder.strip()));
        }
        catalog.put(new ModelCatalog.Source(bundle.getBundleId(), name(bundle), models));
        LOG.info("Loaded {} object model(s) {} from bundle {}", models.size(),
                models.stream().map(m -> m.id() + " v" + m.version()).toList(), name(bundle));
        return true;
    }

    /** Parses every *.xml of a bundle folder; a bad file is logged and skipped, the others load. */
    private List<ObjectModel> loadFolder(Bundle bundle, String folder) {
        List<ObjectModel> models = new ArrayList<>();
        Enumeration<URL> entries = bundle.findEntries(folder, "*.xml", false);
        if (entries == null) {
            LOG.error("Bundle {}: {} names folder '{}', which holds no *.xml DDF file; fix the header or the bundle",
                    name(bundle), MODELS_HEADER, folder);
            return models;
        }
        List<URL> urls = Collections.list(entries);
        urls.sort((a, b) -> a.getPath().compareTo(b.getPath()));
        for (URL url : urls) {
            try (InputStream in = url.openStream()) {
                models.addAll(parser.parse(in));
            } catch (DdfParser.DdfException e) {
                LOG.error("Bundle {}: DDF file {} rejected: {}. The bundle's other models are loaded.",
                        name(bundle), url.getPath(), e.getMessage());
            } catch (IOException e) {
                LOG.error("Bundle {}: DDF file {} cannot be read: {}", name(bundle), url.getPath(), e.toString());
            }
        }
        return models;
    }

    private static String name(Bundle b) {
        return b.getSymbolicName() + " " + b.getVersion() + " [" + b.getBundleId() + "]";
    }
}
